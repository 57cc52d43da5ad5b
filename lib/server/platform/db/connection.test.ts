import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, LibsqlBatchError, LibsqlError, type Client, type ResultSet } from '@libsql/client';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionClient } from './connection';

const open: Client[] = [];

/** A fresh WAL database with a users table, and our client on it. */
async function database(options: { maxStatements?: number } = {}) {
  const path = join(mkdtempSync(join(tmpdir(), 'connection-')), 'test.db');
  const reference = createClient({ url: `file:${path}` });
  await reference.executeMultiple(
    `PRAGMA journal_mode=WAL;
     CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT NOT NULL, age INTEGER, photo BLOB);
     INSERT INTO users VALUES ('ada', 'Ada', 36, x'0102'), ('bob', 'Bob', 41, NULL);`,
  );
  const client = new ConnectionClient(path, { timeout: 5000, ...options });
  open.push(reference, client);
  return { path, reference, client };
}

afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

/**
 * What a caller can see of a result: its JSON, and each row's own keys and values by index. The last
 * inserted rowid is the connection's own history (a statement that inserted nothing repeats it).
 */
function seen(result: ResultSet) {
  const { lastInsertRowid, ...json } = result.toJSON();
  return { json, keys: result.rows.map((r) => Object.keys(r)), values: result.rows.map((r) => Array.from(r)), lastInsertRowid };
}

describe('a connection that keeps its prepared statements', () => {
  it('answers as @libsql/client does: rows, names, repeated columns, counts, blobs and errors', async () => {
    const { reference, client } = await database();
    const statements = [
      { sql: 'SELECT * FROM users ORDER BY id', args: [] },
      { sql: 'SELECT u.id, v.id, u.age + 1 AS next FROM users u JOIN users v ON v.id <> u.id WHERE u.id = ?', args: ['ada'] },
      { sql: 'SELECT name FROM users WHERE id = :id', args: { id: 'bob' } },
      { sql: 'UPDATE users SET age = age + 1 WHERE age > ?', args: [30] },
      { sql: 'INSERT INTO users (id, name, age) VALUES (?, ?, ?) RETURNING id, age', args: ['cy', 'Cy', 7] },
      { sql: 'INSERT INTO users (id, name) VALUES (?, ?)', args: ['di', 'Di'] },
      { sql: 'SELECT total_changes() AS n', args: [] },
    ];
    for (const stmt of statements) {
      // Each statement runs on both, in the same order: the second sees the first's writes undone below.
      const ours = seen(await client.execute(stmt));
      await client.execute("DELETE FROM users WHERE id IN ('cy', 'di')");
      await client.execute("UPDATE users SET age = CASE id WHEN 'ada' THEN 36 ELSE 41 END");
      const theirs = seen(await reference.execute(stmt));
      await reference.execute("DELETE FROM users WHERE id IN ('cy', 'di')");
      await reference.execute("UPDATE users SET age = CASE id WHEN 'ada' THEN 36 ELSE 41 END");
      if (stmt.sql.startsWith('SELECT total_changes')) continue; // a count of each connection's own writes
      // An insert's new rowid is the same on both: the table is back to the same rows before each.
      if (!stmt.sql.startsWith('INSERT INTO users (id, name) VALUES')) ours.lastInsertRowid = theirs.lastInsertRowid;
      expect(ours).toEqual(theirs);
    }
    const failure = (c: Client) => c.execute({ sql: 'INSERT INTO users (id, name) VALUES (?, ?)', args: ['ada', 'again'] }).catch((err: unknown) => err);
    const [mine, theirs] = [await failure(client), await failure(reference)];
    expect(mine).toBeInstanceOf(LibsqlError);
    expect(mine).toMatchObject({ code: (theirs as LibsqlError).code, extendedCode: (theirs as LibsqlError).extendedCode });
    await expect(client.execute({ sql: 'SELECT ?', args: [2n ** 63n] })).rejects.toThrow(RangeError);
    await expect(client.execute({ sql: 'SELECT ?', args: [2n ** 60n] })).rejects.toThrow(RangeError); // not a safe JS number
  });

  it('prepares a statement once, binds each call its own arguments and keeps no row between calls', async () => {
    const { client } = await database();
    const byId = 'SELECT id, name FROM users WHERE id = ?';
    const ada = await client.execute({ sql: byId, args: ['ada'] });
    const bob = await client.execute({ sql: byId, args: ['bob'] });
    const nobody = await client.execute({ sql: byId, args: ['nobody'] });
    expect(client.cachedStatements).toBe(1);
    expect(ada.rows.map((r) => ({ ...r }))).toEqual([{ id: 'ada', name: 'Ada' }]);
    expect(bob.rows.map((r) => ({ ...r }))).toEqual([{ id: 'bob', name: 'Bob' }]);
    expect(nobody.rows).toEqual([]);
    // The first answer is untouched by the later calls of the same statement.
    expect(ada.rows[0].name).toBe('Ada');
  });

  it('keeps statements per connection: another client on the same file prepares its own', async () => {
    const { path, client } = await database();
    const other = new ConnectionClient(path);
    open.push(other);
    await client.execute({ sql: 'SELECT name FROM users WHERE id = ?', args: ['ada'] });
    expect(other.cachedStatements).toBe(0);
    await client.execute({ sql: 'UPDATE users SET name = ? WHERE id = ?', args: ['Ada B.', 'ada'] });
    // The other connection reads the committed row through its own statement, not the first one's answer.
    expect((await other.execute({ sql: 'SELECT name FROM users WHERE id = ?', args: ['ada'] })).rows[0].name).toBe('Ada B.');
    expect([client.cachedStatements, other.cachedStatements]).toEqual([2, 1]);
    client.close();
    expect((await other.execute({ sql: 'SELECT name FROM users WHERE id = ?', args: ['bob'] })).rows[0].name).toBe('Bob');
  });

  it('runs a statement again after it failed, and keeps at most its limit of statements', async () => {
    const { client } = await database({ maxStatements: 2 });
    const insert = 'INSERT INTO users (id, name) VALUES (?, ?)';
    await expect(client.execute({ sql: insert, args: ['ada', 'twice'] })).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    await client.execute({ sql: insert, args: ['eve', 'Eve'] });
    await client.execute('SELECT 1');
    await client.execute('SELECT 2');
    expect(client.cachedStatements).toBe(2);
    expect((await client.execute({ sql: 'SELECT name FROM users WHERE id = ?', args: ['eve'] })).rows[0].name).toBe('Eve');
  });

  it('follows a schema change, made through it or by another connection', async () => {
    const { client, reference } = await database();
    const all = 'SELECT * FROM users WHERE id = ?';
    expect((await client.execute({ sql: all, args: ['ada'] })).columns).toEqual(['id', 'name', 'age', 'photo']);
    await client.execute('ALTER TABLE users ADD COLUMN email TEXT');
    expect((await client.execute({ sql: all, args: ['ada'] })).columns).toEqual(['id', 'name', 'age', 'photo', 'email']);
    await reference.execute('ALTER TABLE users DROP COLUMN photo');
    const after = await client.execute({ sql: all, args: ['ada'] });
    expect(after.columns).toEqual(['id', 'name', 'age', 'email']);
    expect({ ...after.rows[0] }).toEqual({ id: 'ada', name: 'Ada', age: 36, email: null });
    await client.executeMultiple("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hi');");
    expect(client.cachedStatements).toBe(0);
    expect((await client.execute('SELECT body FROM notes')).rows[0].body).toBe('hi');
  });

  it('a transaction holds the connection until it settles, and what it rolls back is gone', async () => {
    const { client, reference } = await database();
    const tx = await client.transaction('write');
    await tx.execute({ sql: 'UPDATE users SET name = ? WHERE id = ?', args: ['Ada L.', 'ada'] });
    await expect(client.execute('SELECT 1')).rejects.toMatchObject({ code: 'TRANSACTION_ACTIVE' });
    await tx.rollback();
    expect(tx.closed).toBe(true);
    await expect(tx.execute('SELECT 1')).rejects.toMatchObject({ code: 'TRANSACTION_CLOSED' });
    expect((await reference.execute("SELECT name FROM users WHERE id = 'ada'")).rows[0].name).toBe('Ada');

    const kept = await client.transaction('write');
    await kept.execute({ sql: 'UPDATE users SET name = ? WHERE id = ?', args: ['Ada L.', 'ada'] });
    await kept.commit();
    expect((await reference.execute("SELECT name FROM users WHERE id = 'ada'")).rows[0].name).toBe('Ada L.');

    const left = await client.transaction('write');
    await left.execute({ sql: 'UPDATE users SET name = ? WHERE id = ?', args: ['nobody', 'bob'] });
    left.close();
    expect((await client.execute("SELECT name FROM users WHERE id = 'bob'")).rows[0].name).toBe('Bob');
  });

  it('a batch is all or nothing and names the statement that failed', async () => {
    const { client } = await database();
    const failed = await client
      .batch(
        [
          { sql: 'UPDATE users SET name = ? WHERE id = ?', args: ['changed', 'bob'] },
          { sql: 'INSERT INTO users (id, name) VALUES (?, ?)', args: ['ada', 'twice'] },
        ],
        'write',
      )
      .catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(LibsqlBatchError);
    expect(failed).toMatchObject({ statementIndex: 1, code: 'SQLITE_CONSTRAINT' });
    expect((await client.execute("SELECT name FROM users WHERE id = 'bob'")).rows[0].name).toBe('Bob');
    const [, selected] = await client.batch(["UPDATE users SET name = 'B.' WHERE id = 'bob'", "SELECT name FROM users WHERE id = 'bob'"], 'write');
    expect(selected.rows[0].name).toBe('B.');
  });

  it('a closed client refuses every call and keeps nothing', async () => {
    const { client } = await database();
    await client.execute('SELECT 1');
    client.close();
    expect(client.closed).toBe(true);
    expect(client.cachedStatements).toBe(0);
    await expect(client.execute('SELECT 1')).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
    await expect(client.transaction('write')).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
    await expect(client.batch(['SELECT 1'])).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
    client.reconnect();
    expect((await client.execute('SELECT 1 AS one')).rows[0].one).toBe(1);
  });

  it('runs its opening statement on every connection it opens', async () => {
    const { path } = await database();
    const client = new ConnectionClient(path, { onOpen: 'PRAGMA synchronous=NORMAL' });
    open.push(client);
    expect((await client.execute('PRAGMA synchronous')).rows[0][0]).toBe(1);
    client.reconnect();
    expect((await client.execute('PRAGMA synchronous')).rows[0][0]).toBe(1);
  });
});
