import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { readScopeVersions } from '@/lib/server/platform/changes/scopes';
import { writeChange } from '@/lib/server/platform/changes/write';
import { getClient, getDb } from '@/lib/server/platform/db/client';
import { users } from '@/lib/server/platform/auth/schema';
import { WriteQueue } from '@/lib/server/platform/db/write-queue';
import { updateProfile } from '@/lib/server/domains/account/profile';
import { createTestUser } from './helpers';

// Found by scripts/soak.ts: libsql waits for SQLite's write lock in a synchronous busy handler, so a
// second writer in the same process blocked the event loop the lock holder needed, for the whole
// busy timeout (5 s), then failed with SQLITE_BUSY — a burst of writers froze the server for minutes.

// The bug waited out the whole busy timeout (5 s); a busy machine may stall a second or two.
const UNDER_THE_BUSY_TIMEOUT_MS = 4_500;

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('writers in one process', () => {
  it('a burst of write transactions started together all commit, without waiting out the busy timeout', async () => {
    const user = await createTestUser();
    const before = await readScopeVersions(getDb(), user.id, ['profile']);
    const started = Date.now();
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => updateProfile({ userId: user.id }, { name: `burst ${i}` })));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(Date.now() - started).toBeLessThan(UNDER_THE_BUSY_TIMEOUT_MS);
    const after = await readScopeVersions(getDb(), user.id, ['profile']);
    expect(after.profile - before.profile).toBe(8);
  });

  it('a write outside any transaction waits for an open one that spans event-loop turns', async () => {
    const user = await createTestUser();
    const started = Date.now();
    const open = writeChange({ userId: user.id }, ['profile'], async ({ tx }) => {
      await macrotask(); // the transaction holds the lock across a turn, as one awaiting I/O does
      await tx.update(users).set({ name: 'inside' }).where(eq(users.id, user.id));
    });
    await macrotask();
    const plain = getDb().update(users).set({ timezone: 'Europe/Berlin' }).where(eq(users.id, user.id));
    await Promise.all([open, plain]);
    expect(Date.now() - started).toBeLessThan(UNDER_THE_BUSY_TIMEOUT_MS);
    const row = await getDb().select({ name: users.name, timezone: users.timezone }).from(users).where(eq(users.id, user.id)).get();
    expect(row).toEqual({ name: 'inside', timezone: 'Europe/Berlin' });
  });

  it('a writer that waits longer than the timeout fails with SQLITE_BUSY, and the queue moves on', async () => {
    const queue = new WriteQueue(50);
    const release = await queue.acquire();
    await expect(queue.acquire()).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    const next = queue.acquire();
    release();
    release(); // releasing twice frees one turn only
    const releaseNext = await next;
    await expect(queue.acquire()).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    releaseNext();
    (await queue.acquire())();
  });

  it('write transactions run at synchronous=NORMAL on the writer connection, and reads see what they committed', async () => {
    const user = await createTestUser();
    for (let i = 0; i < 3; i++) {
      const tx = await getClient().transaction('write');
      // 1 = NORMAL: a commit appends to the WAL without an fsync on the event loop (decision 002).
      expect((await tx.execute('PRAGMA synchronous')).rows[0][0]).toBe(1);
      await tx.execute({ sql: 'UPDATE users SET name = ? WHERE id = ?', args: [`writer ${i}`, user.id] });
      await tx.commit();
      const row = await getDb().select({ name: users.name }).from(users).where(eq(users.id, user.id)).get();
      expect(row).toEqual({ name: `writer ${i}` });
    }
    // Statements outside a transaction and batches take the same connection.
    await getClient().batch([{ sql: 'UPDATE users SET timezone = ? WHERE id = ?', args: ['Asia/Tokyo', user.id] }], 'write');
    const after = await getDb().select({ timezone: users.timezone }).from(users).where(eq(users.id, user.id)).get();
    expect(after).toEqual({ timezone: 'Asia/Tokyo' });
  });
});
