import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../own-server';

test('a fresh start with no data folder creates and migrates the database and serves /api/health', async () => {
  const root = mkdtempSync(join(tmpdir(), 'passion-fresh-'));
  const dataDir = join(root, 'nested', 'data');
  expect(existsSync(dataDir)).toBe(false);
  // A free port, not a fixed one: other runs on a shared machine may hold any fixed port.
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, APP_ENV: 'local', NEXTAUTH_SECRET: '', DATABASE_URL: '' };
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], { env, stdio: 'ignore' });
  try {
    let health: Response | undefined;
    for (let i = 0; i < 100 && !health?.ok; i++) {
      health = await fetch(`http://localhost:${port}/api/health`).catch(() => undefined);
      if (!health?.ok) await new Promise((r) => setTimeout(r, 200));
    }
    expect(health?.status).toBe(200);
    expect(await health!.json()).toMatchObject({ status: 'ok', db: 'ok', bus: 'ok' });
    expect(existsSync(join(dataDir, 'passion.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'nextauth-secret'))).toBe(true);

    // The migrated schema is there: a sign-up works on the brand-new database.
    const res = await fetch(`http://localhost:${port}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'first@example.test', password: 'first user password', name: 'First', timezone: 'UTC' }),
    });
    expect(res.status).toBe(201);
  } finally {
    server.kill('SIGTERM');
  }
});
