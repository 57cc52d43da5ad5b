import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { describe, expect, it, onTestFinished } from 'vitest';
import { resetConfigForTests } from '@/lib/server/platform/config';
import { backupDatabase } from '@/lib/server/platform/db/backup';
import { getClient } from '@/lib/server/platform/db/client';
import { createTestUser } from './helpers';

/**
 * test/fixtures/profile-writer.ts in its own OS process: profile updates, each one transaction,
 * until its standard input is closed (so it is still writing however long the backup takes).
 */
function startWriter(userId: string): { child: ChildProcess; done: Promise<{ ok: number; errors: string[] }> } {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'test/fixtures/profile-writer.ts', userId, 'until-stdin-ends', 'w'], {
    env: process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const done = new Promise<{ ok: number; errors: string[] }>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`writer exited ${code}: ${err}`)))),
  );
  return { child, done };
}

async function versions(client: ReturnType<typeof createClient>, userId: string): Promise<{ profile: number; seq: number; name: string }> {
  const rows = (await client.execute({ sql: 'SELECT scope, version FROM scope_versions WHERE user_id = ?', args: [userId] })).rows;
  const of = (scope: string) => Number(rows.find((r) => r.scope === scope)?.version ?? 0);
  const seq = (await client.execute({ sql: "SELECT value FROM user_counters WHERE user_id = ? AND name = 'write_seq'", args: [userId] })).rows[0];
  const user = (await client.execute({ sql: 'SELECT name FROM users WHERE id = ?', args: [userId] })).rows[0];
  return { profile: of('profile'), seq: Number(seq?.value ?? 0), name: String(user?.name) };
}

describe('npm run cli -- db:backup (VACUUM INTO)', () => {
  it('takes a consistent copy while another process keeps writing, and the copy opens with every row', { timeout: 240_000 }, async () => {
    const earlier = await Promise.all([createTestUser(), createTestUser(), createTestUser()]);
    const user = await createTestUser();
    const live = getClient();
    const before = await versions(live, user.id);

    const writer = startWriter(user.id);
    // A writer left behind by a failed run would write (and grow) forever.
    onTestFinished(() => {
      if (writer.child.exitCode === null) writer.child.kill();
    });
    await expect.poll(async () => (await versions(live, user.id)).profile, { timeout: 60_000, interval: 20 }).toBeGreaterThan(before.profile);
    const out = join(mkdtempSync(join(tmpdir(), 'passion-backup-')), 'backup.db');
    const backup = await backupDatabase(out);
    const writerStillRunning = writer.child.exitCode === null;
    writer.child.stdin!.end();
    const result = await writer.done;
    expect(result.errors).toEqual([]);
    expect(writerStillRunning).toBe(true);
    expect(backup.bytes).toBeGreaterThan(0);

    const copy = createClient({ url: `file:${backup.path}` });
    try {
      expect((await copy.execute('PRAGMA integrity_check')).rows[0][0]).toBe('ok');
      const ids = (await copy.execute('SELECT id FROM users')).rows.map((r) => String(r.id));
      for (const u of [...earlier, user]) expect(ids).toContain(u.id);
      // Mid-stream, and atomic: each update bumps both counters and renames the user in one transaction.
      const snap = await versions(copy, user.id);
      const applied = snap.profile - before.profile;
      expect(applied).toBeGreaterThan(0);
      expect(applied).toBeLessThan(result.ok);
      expect(snap.seq - before.seq).toBe(applied);
      expect(snap.name).toBe(`w-${applied - 1}`);
    } finally {
      copy.close();
    }
    expect((await versions(live, user.id)).profile - before.profile).toBe(result.ok);
  });

  it('refuses to overwrite an existing file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'passion-backup-')), 'taken.db');
    await backupDatabase(out);
    await expect(backupDatabase(out)).rejects.toThrow(/already exists/);
  });

  it('refuses a libsql server, whose VACUUM INTO would write on the server, and points to its /dump', async () => {
    const embedded = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'http://sqld.invalid:8080';
    resetConfigForTests();
    try {
      await expect(backupDatabase(join(tmpdir(), 'never-written.db'))).rejects.toThrow(/GET \/dump/);
    } finally {
      process.env.DATABASE_URL = embedded;
      resetConfigForTests();
    }
  });
});
