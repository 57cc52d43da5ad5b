// What the browser benches share: the system Chromium, a free port, the app started with
// `node scripts/start.mjs` (built first when the sources changed) and a sign-in.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

// The launch options of test/e2e-env.ts (a TS module this plain-node bench cannot import).
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const launchOptions = existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS } : { args: CHROMIUM_ARGS };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** `node scripts/start.mjs` (builds first when the build is not of the current sources). */
export function startServer(port, dataDir) {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      APP_ENV: 'test',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next-bench',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // stdout belongs to the one JSON line; the server's output goes to stderr.
  child.stdout.pipe(process.stderr);
  child.stderr.pipe(process.stderr);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    async ready() {
      // A first build on a busy machine takes minutes; measuring starts only once it answers.
      const deadline = Date.now() + 15 * 60_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/health`);
          if (res.ok) return;
        } catch {
          // Not listening yet.
        }
        if (Date.now() > deadline) throw new Error('server did not become healthy in 15 min');
        await sleep(500);
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM'); // start.mjs forwards it to the server it spawned (or ends its build)
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function logIn(request, user) {
  const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
  const res = await request.post('/api/auth/callback/credentials', { form: { email: user.email, password: user.password, csrfToken, json: 'true' } });
  if (res.status() !== 200) throw new Error(`sign-in failed: ${res.status()}`);
}
