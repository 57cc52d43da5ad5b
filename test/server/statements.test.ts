import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '@/lib/server/platform/auth/schema';
import { getDb, type Db } from '@/lib/server/platform/db/client';
import { runSql, sqlValues } from '@/lib/server/platform/db/statements';
import { createTestUser } from './helpers';

// statements.ts runs plain SQL text where drizzle would run it, reaching into drizzle's session for
// its libsql transaction (decision 070). The danger is a statement meant for a transaction running
// outside it: these hold it to the transaction, and make a changed drizzle fail loudly.

const nameOf = async (id: string) => (await getDb().select({ name: users.name }).from(users).where(eq(users.id, id)).get())?.name;

describe('plain SQL text beside drizzle', () => {
  it('runs inside the transaction it is given: a rolled-back transaction takes its write with it', async () => {
    const user = await createTestUser();
    const before = await nameOf(user.id);
    await expect(
      getDb().transaction(async (tx) => {
        const { rowsAffected } = await runSql(tx, 'update users set name = ? where id = ?', ['inside', user.id]);
        expect(rowsAffected).toBe(1);
        // The transaction sees its own write through drizzle, and through the text.
        expect((await tx.select({ name: users.name }).from(users).where(eq(users.id, user.id)).get())?.name).toBe('inside');
        expect(await sqlValues<[string]>(tx, 'select name from users where id = ?', [user.id])).toMatchObject([{ 0: 'inside' }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await nameOf(user.id)).toBe(before);
  });

  it('commits with the transaction, and runs on the database itself outside one', async () => {
    const user = await createTestUser();
    await getDb().transaction((tx) => runSql(tx, 'update users set name = ? where id = ?', ['committed', user.id]));
    expect(await nameOf(user.id)).toBe('committed');
    await runSql(getDb(), 'update users set name = ? where id = ?', ['plain', user.id]);
    const rows = await sqlValues<[string, string]>(getDb(), 'select id, name from users where id = ?', [user.id]);
    expect(rows).toHaveLength(1);
    expect([rows[0][0], rows[0][1]]).toEqual([user.id, 'plain']);
  });

  it('refuses, rather than guesses, when drizzle does not keep its libsql session where it did', async () => {
    const user = await createTestUser();
    // A transaction whose session lost its libsql transaction: running on the client would escape it.
    await expect(
      getDb().transaction(async (tx) => {
        const session = (tx as unknown as { session: { tx?: unknown } }).session;
        const kept = session.tx;
        session.tx = undefined;
        try {
          await runSql(tx, 'update users set name = ? where id = ?', ['escaped', user.id]);
        } finally {
          session.tx = kept;
        }
      }),
    ).rejects.toThrow(/decision 070/);
    expect(await nameOf(user.id)).not.toBe('escaped');
    // A database of another driver has no libsql session at all.
    const other = { session: {} } as unknown as Db;
    await expect(async () => sqlValues(other, 'select 1')).rejects.toThrow(/decision 070/);
  });
});
