import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
