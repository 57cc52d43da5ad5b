import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { getProfile } from '@/lib/server/domains/account/profile';
import { createTestUser, versionsOf } from './helpers';

function writer(userId: string, count: number, label: string): Promise<{ ok: number; failed: number; errors: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'test/fixtures/profile-writer.ts', userId, String(count), label], {
      // Two writers on two busy cores can be kept from the lock for seconds; what is tested is that
      // nothing reported as written is lost, not how long a writer may wait.
      env: { ...process.env, DATABASE_BUSY_TIMEOUT_MS: '30000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`writer exited ${code}: ${err}`))));
  });
}

describe('two OS processes writing the same database file', () => {
  it('lose nothing: every write that reported success is counted in the file', { timeout: 240_000 }, async () => {
    const user = await createTestUser();
    const before = await versionsOf(user.id, ['profile', '_seq']);
    const [a, b] = await Promise.all([writer(user.id, 2000, 'a'), writer(user.id, 2000, 'b')]);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(a.ok + b.ok).toBe(4000);
    const after = await versionsOf(user.id, ['profile', '_seq']);
    // Each successful update bumped both counters exactly once inside its own transaction.
    expect(after.profile - before.profile).toBe(a.ok + b.ok);
    expect(after._seq - before._seq).toBe(a.ok + b.ok);
    const profile = await getProfile({ userId: user.id });
    expect(['a-1999', 'b-1999']).toContain(profile.name);
  });
});
