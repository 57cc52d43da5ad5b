import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterEach, describe, expect, it } from 'vitest';
import { addRecord, fieldsFromFlags, UsageError } from '@/scripts/sync-client/edits';
import { LocalStore, StoreFormatError } from '@/scripts/sync-client/store';
import { SYNC_ENTITY_TYPES } from '@/lib/shared/schemas/records-sync';

// The reference client's local database (scripts/sync-client/store.ts): one table per synced
// entity type with the server's metadata columns, and the upgrade of the first, one-table format.

const dir = mkdtempSync(join(tmpdir(), 'passion-sync-store-'));
const opened: LocalStore[] = [];
const file = () => join(dir, `${randomUUID()}.db`);

async function open(path: string): Promise<LocalStore> {
  const store = await LocalStore.open(path);
  opened.push(store);
  return store;
}

async function sql(path: string, ...statements: string[]) {
  const db = createClient({ url: `file:${path}` });
  try {
    const results = [];
    for (const s of statements) results.push(await db.execute(s));
    return results;
  } finally {
    db.close();
  }
}

/** The schema, user_version and every row of a database file. */
async function dump(path: string): Promise<string> {
  const [schema, version] = await sql(path, 'SELECT type, name, sql FROM sqlite_master ORDER BY name', 'PRAGMA user_version');
  const parts = [JSON.stringify(schema.rows), JSON.stringify(version.rows)];
  for (const { type, name } of schema.rows) if (type === 'table') parts.push(JSON.stringify((await sql(path, `SELECT * FROM "${String(name)}"`))[0].rows));
  return parts.join('\n');
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

describe('the sync client’s local database', () => {
  it('has one table per synced entity type with the server’s metadata columns, a data column and a dirty flag', async () => {
    const path = file();
    await open(path);
    for (const type of SYNC_ENTITY_TYPES) {
      const [info] = await sql(path, `PRAGMA table_info("${type}")`);
      expect(
        info.rows.map((c) => c.name),
        type,
      ).toEqual(['id', 'created_at', 'updated_at', 'deleted_at', 'server_version', 'data', 'dirty']);
    }
    const [version] = await sql(path, 'PRAGMA user_version');
    expect(version.rows[0].user_version).toBe(2);
  });

  it('keeps a local edit in its entity type’s table: created once, updated, soft-deleted, dirty until synced', async () => {
    const path = file();
    const store = await open(path);
    const habit = await addRecord(store, 'habits', { name: 'Floss', cadence: 'daily' }, 1000);
    expect(habit).toMatchObject({ entityType: 'habits', createdAt: 1000, updatedAt: 1000, deleted: false, serverVersion: null, dirty: true });
    await store.saveEdit({ entityType: 'habits', id: habit.id, data: habit.data, updatedAt: 2000, deleted: true });
    const [{ rows }] = await sql(path, `SELECT * FROM habits WHERE id = '${habit.id}'`);
    expect(rows[0]).toMatchObject({ created_at: 1000, updated_at: 2000, deleted_at: 2000, server_version: null, dirty: 1 });
    expect(JSON.parse(String(rows[0].data))).toMatchObject({ name: 'Floss' });
    expect((await store.dirtyRecords()).map((r) => r.id)).toEqual([habit.id]);
  });

  it('upgrades a database of the first format (one records table), keeping every record, its dirty flag and the sync state', async () => {
    const path = file();
    const [h, b] = [randomUUID(), randomUUID()];
    await sql(
      path,
      'CREATE TABLE records (entity_type TEXT NOT NULL, id TEXT NOT NULL, data TEXT, updated_at INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, dirty INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (entity_type, id))',
      'CREATE INDEX records_dirty_idx ON records (dirty) WHERE dirty = 1',
      'CREATE TABLE sync_state (id INTEGER PRIMARY KEY CHECK (id = 1), server TEXT NOT NULL, api_key TEXT NOT NULL, device_id TEXT NOT NULL, user_id TEXT NOT NULL, cursor INTEGER NOT NULL DEFAULT 0, last_sync_at INTEGER, last_result TEXT)',
      `INSERT INTO records VALUES ('habits', '${h}', '{"name":"Walk","cadence":"daily","timesPerWeek":7,"color":null,"archivedAt":null}', 500, 0, 1)`,
      `INSERT INTO records VALUES ('books', '${b}', '{"title":"Emma","author":null,"totalPages":474,"completedAt":null}', 700, 1, 0)`,
      "INSERT INTO sync_state (id, server, api_key, device_id, user_id, cursor) VALUES (1, 'http://localhost:1', 'k', 'd', 'u', 42)",
    );
    const store = await open(path);
    expect(await store.list('habits')).toEqual([
      {
        entityType: 'habits',
        id: h,
        data: expect.objectContaining({ name: 'Walk' }),
        createdAt: 500,
        updatedAt: 500,
        deleted: false,
        serverVersion: null,
        dirty: true,
      },
    ]);
    expect(await store.list('books', true)).toEqual([
      {
        entityType: 'books',
        id: b,
        data: expect.objectContaining({ title: 'Emma' }),
        createdAt: 700,
        updatedAt: 700,
        deleted: true,
        serverVersion: null,
        dirty: false,
      },
    ]);
    expect((await store.state())?.cursor).toBe(42);
    expect(await store.counts()).toEqual({ records: 1, pending: 1, setAside: 0 });
    const [tables] = await sql(path, "SELECT name FROM sqlite_master WHERE type = 'table'");
    expect(tables.rows.map((r) => r.name)).not.toContain('records');
  });

  it.each([
    [
      'an old database with records of an unknown entity type',
      [
        'CREATE TABLE records (entity_type TEXT NOT NULL, id TEXT NOT NULL, data TEXT, updated_at INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, dirty INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (entity_type, id))',
        "INSERT INTO records VALUES ('tasks', 'x', '{}', 1, 0, 1)",
      ],
      /unknown entity types \(tasks\).*nothing was changed/,
    ],
    [
      'another program’s database',
      ['CREATE TABLE habits (id TEXT PRIMARY KEY, user_id TEXT)', 'CREATE TABLE users (id TEXT PRIMARY KEY)'],
      /is not a sync-client database \(it has tables habits, users\)/,
    ],
    [
      'a database of a newer client',
      ['CREATE TABLE sync_state (id INTEGER PRIMARY KEY)', 'PRAGMA user_version = 9'],
      /written by a newer sync client \(format 9/,
    ],
  ])('refuses %s with a clear message and leaves it as it was', async (_label, setup, message) => {
    const path = file();
    await sql(path, ...setup);
    const before = await dump(path);
    const error = await LocalStore.open(path).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(StoreFormatError);
    expect((error as Error).message).toMatch(message);
    expect(await dump(path)).toBe(before);
  });

  it('keeps a set-aside change out of uploads until it is edited again', async () => {
    const store = await open(file());
    const habit = await addRecord(store, 'habits', { name: 'Floss', cadence: 'daily' }, 1000);
    await store.inTransaction((w) => w.setAside({ entityType: 'habits', id: habit.id, updatedAt: 1000, status: 409, code: 'conflict', message: 'no', at: 5 }));
    expect(await store.dirtyRecords()).toEqual([]);
    expect(await store.setAside()).toEqual([{ entityType: 'habits', id: habit.id, updatedAt: 1000, status: 409, code: 'conflict', message: 'no', at: 5 }]);
    expect(await store.counts()).toEqual({ records: 1, pending: 0, setAside: 1 });
    await store.saveEdit({ entityType: 'habits', id: habit.id, data: { ...habit.data, name: 'Floss twice' }, updatedAt: 1000, deleted: false });
    expect((await store.dirtyRecords()).map((r) => r.id)).toEqual([habit.id]);
    expect(await store.setAside()).toEqual([]);
  });
});

describe('fields from the command line', () => {
  it.each(['null', '5', '"text"', '[1, 2]', 'true', '{oops'])('refuses --data %s as a usage error', (data) => {
    expect(() => fieldsFromFlags('habits', { data })).toThrow(UsageError);
    expect(() => fieldsFromFlags('habits', { data })).toThrow(/--data must be a JSON object/);
  });

  it('takes --data as the fields with the per-type flags on top', () => {
    expect(fieldsFromFlags('habits', { data: '{"name":"a","cadence":"weekly"}', name: 'b', 'times-per-week': '3' })).toEqual({
      name: 'b',
      cadence: 'weekly',
      timesPerWeek: 3,
    });
  });
});
