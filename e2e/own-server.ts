import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on this machine. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function waitForHealth(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${url}/api/health`).catch(() => undefined);
    if (res?.ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not start`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface OwnServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the e2e build (the production server bundle that `npm start` runs) on a port and data
 * folder of its own, with `env` on top: for specs whose settings would disturb the shared server.
 */
export async function startOwnServer(env: Record<string, string>, prefix = 'passion-e2e-own-'): Promise<OwnServer> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = join(mkdtempSync(join(tmpdir(), prefix)), 'data');
  const bundle = join(process.env.NEXT_DIST_DIR || '.next', 'passion-server.cjs');
  const node: ChildProcess = spawn(process.execPath, [bundle], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, APP_ENV: 'test', NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: 'ignore',
  });
  await waitForHealth(url);
  return {
    url,
    dataDir,
    async stop() {
      if (node.exitCode !== null || node.signalCode !== null) return;
      const exited = new Promise((resolve) => node.once('exit', resolve));
      node.kill('SIGTERM');
      await exited;
    },
  };
}

/** What a spec-owned bundle server runs with: the test environment, its own database, no Redis. */
export const BUNDLE_ENV = { APP_ENV: 'test', NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: '', NEXTAUTH_SECRET: '', REDIS_URL: '', LOG_LEVEL: 'warn' };

/**
 * The e2e build's server bundle as a child process a spec owns, for specs that stop and restart
 * it on the same port and data folder; its output goes to a log file whose tail errors quote.
 */
export class BundleServer {
  private child: ChildProcess | null = null;
  /** Resolves with the exit code once the current process is gone. */
  exited: Promise<number | null> = Promise.resolve(null);
  readonly url: string;

  constructor(
    private readonly port: number,
    private readonly dataDir: string,
    private readonly logPath: string,
    private readonly env: Record<string, string> = {},
  ) {
    this.url = `http://localhost:${port}`;
  }

  /** Starts the process; `ready()` waits until it answers. */
  spawn(extraEnv: Record<string, string> = {}): void {
    const bundle = join(process.env.NEXT_DIST_DIR || '.next', 'passion-server.cjs');
    const log = openSync(this.logPath, 'a');
    const child = spawn(process.execPath, [bundle], {
      env: { ...process.env, ...BUNDLE_ENV, PORT: String(this.port), DATA_DIR: this.dataDir, ...this.env, ...extraEnv },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  async ready(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.child || this.child.exitCode !== null) throw new Error(`the server exited during start:\n${this.logTail()}`);
      if ((await fetch(`${this.url}/api/health`).catch(() => null))?.ok) return;
      if (Date.now() > deadline) throw new Error(`the server did not become healthy:\n${this.logTail()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async start(extraEnv: Record<string, string> = {}): Promise<void> {
    this.spawn(extraEnv);
    await this.ready();
  }

  /** SIGTERM to the process this spec started (if still running), and wait until it is gone. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await this.exited;
  }

  logTail(): string {
    try {
      return readFileSync(this.logPath, 'utf8').split('\n').slice(-40).join('\n');
    } catch {
      return '(no server log)';
    }
  }
}
