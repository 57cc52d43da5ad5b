import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client, type InValue, type Transaction } from '@libsql/client';
import type { SyncEntityType } from '@/lib/shared/schemas/records-sync';

/** One record as the client keeps it: the server's shape plus a dirty flag for what is not uploaded yet. */
export interface LocalRecord {
  entityType: SyncEntityType;
  id: string;
  data: Record<string, unknown> | null;
  updatedAt: number;
  deleted: boolean;
  dirty: boolean;
}

export interface SyncState {
  server: string;
  apiKey: string;
  deviceId: string;
  userId: string;
  cursor: number;
  lastSyncAt: number | null;
  lastResult: string | null;
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS records (
    entity_type TEXT NOT NULL,
    id TEXT NOT NULL,
    data TEXT,
    updated_at INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    dirty INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_type, id)
  )`,
  'CREATE INDEX IF NOT EXISTS records_dirty_idx ON records (dirty) WHERE dirty = 1',
  `CREATE TABLE IF NOT EXISTS sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    server TEXT NOT NULL,
    api_key TEXT NOT NULL,
    device_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    cursor INTEGER NOT NULL DEFAULT 0,
    last_sync_at INTEGER,
    last_result TEXT
  )`,
];

type Row = Record<string, unknown>;

function toRecord(row: Row): LocalRecord {
  return {
    entityType: row.entity_type as SyncEntityType,
    id: String(row.id),
    data: row.data === null ? null : (JSON.parse(String(row.data)) as Record<string, unknown>),
    updatedAt: Number(row.updated_at),
    deleted: Number(row.deleted) === 1,
    dirty: Number(row.dirty) === 1,
  };
}

type Executor = Pick<Client, 'execute'> | Pick<Transaction, 'execute'>;

async function getRecord(db: Executor, entityType: string, id: string): Promise<LocalRecord | undefined> {
  const { rows } = await db.execute({ sql: 'SELECT * FROM records WHERE entity_type = ? AND id = ?', args: [entityType, id] });
  return rows[0] ? toRecord(rows[0] as Row) : undefined;
}

async function putRecord(db: Executor, r: LocalRecord): Promise<void> {
  await db.execute({
    sql: `INSERT INTO records (entity_type, id, data, updated_at, deleted, dirty) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (entity_type, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at, deleted = excluded.deleted, dirty = excluded.dirty`,
    args: [r.entityType, r.id, r.data === null ? null : JSON.stringify(r.data), r.updatedAt, r.deleted ? 1 : 0, r.dirty ? 1 : 0],
  });
}

/** The reads and writes one sync applies, all inside one local write transaction. */
export interface SyncWriter {
  get(entityType: string, id: string): Promise<LocalRecord | undefined>;
  put(record: LocalRecord): Promise<void>;
  remove(entityType: string, id: string): Promise<void>;
  /** Clears the dirty flag if the record is still the version that was uploaded. */
  markClean(entityType: string, id: string, updatedAt: number): Promise<void>;
  saveCursor(cursor: number, at: number, result: string): Promise<void>;
}

/** The client's local database (a libsql file): the synced records and one sync_state row. */
export class LocalStore {
  private constructor(private readonly db: Client) {}

  static async open(path: string): Promise<LocalStore> {
    const file = resolve(path);
    mkdirSync(dirname(file), { recursive: true });
    const db = createClient({ url: `file:${file}`, timeout: 5000 });
    await db.batch(SCHEMA, 'write');
    return new LocalStore(db);
  }

  close(): void {
    this.db.close();
  }

  async state(): Promise<SyncState | null> {
    const { rows } = await this.db.execute('SELECT * FROM sync_state WHERE id = 1');
    const row = rows[0] as Row | undefined;
    if (!row) return null;
    return {
      server: String(row.server),
      apiKey: String(row.api_key),
      deviceId: String(row.device_id),
      userId: String(row.user_id),
      cursor: Number(row.cursor),
      lastSyncAt: row.last_sync_at === null ? null : Number(row.last_sync_at),
      lastResult: row.last_result === null ? null : String(row.last_result),
    };
  }

  /** Points the store at a server and device; the cursor starts over only when the account changes. */
  async configure(next: Pick<SyncState, 'server' | 'apiKey' | 'deviceId' | 'userId'>): Promise<void> {
    const args: InValue[] = [next.server, next.apiKey, next.deviceId, next.userId];
    await this.db.execute({
      sql: `INSERT INTO sync_state (id, server, api_key, device_id, user_id, cursor) VALUES (1, ?, ?, ?, ?, 0)
            ON CONFLICT (id) DO UPDATE SET server = excluded.server, api_key = excluded.api_key, device_id = excluded.device_id,
              cursor = CASE WHEN user_id = excluded.user_id THEN cursor ELSE 0 END, user_id = excluded.user_id`,
      args,
    });
  }

  get(entityType: string, id: string): Promise<LocalRecord | undefined> {
    return getRecord(this.db, entityType, id);
  }

  /** A local edit: stored dirty, to be uploaded by the next sync. */
  async saveEdit(record: Omit<LocalRecord, 'dirty'>): Promise<void> {
    await putRecord(this.db, { ...record, dirty: true });
  }

  async list(entityType: string, includeDeleted = false): Promise<LocalRecord[]> {
    const { rows } = await this.db.execute({
      sql: `SELECT * FROM records WHERE entity_type = ? ${includeDeleted ? '' : 'AND deleted = 0'} ORDER BY updated_at, id`,
      args: [entityType],
    });
    return rows.map((r) => toRecord(r as Row));
  }

  async dirtyRecords(): Promise<LocalRecord[]> {
    const { rows } = await this.db.execute('SELECT * FROM records WHERE dirty = 1 ORDER BY updated_at, entity_type, id');
    return rows.map((r) => toRecord(r as Row));
  }

  async counts(): Promise<{ records: number; pending: number }> {
    const { rows } = await this.db.execute('SELECT COUNT(*) AS records, COALESCE(SUM(dirty), 0) AS pending FROM records WHERE deleted = 0 OR dirty = 1');
    return { records: Number(rows[0].records), pending: Number(rows[0].pending) };
  }

  /** Runs `fn` in one write transaction: everything it wrote is committed together, or nothing is. */
  async inTransaction<T>(fn: (w: SyncWriter) => Promise<T>): Promise<T> {
    const tx = await this.db.transaction('write');
    try {
      const result = await fn({
        get: (entityType, id) => getRecord(tx, entityType, id),
        put: (record) => putRecord(tx, record),
        remove: async (entityType, id) => {
          await tx.execute({ sql: 'DELETE FROM records WHERE entity_type = ? AND id = ?', args: [entityType, id] });
        },
        markClean: async (entityType, id, updatedAt) => {
          await tx.execute({ sql: 'UPDATE records SET dirty = 0 WHERE entity_type = ? AND id = ? AND updated_at = ?', args: [entityType, id, updatedAt] });
        },
        saveCursor: async (cursor, at, result) => {
          await tx.execute({ sql: 'UPDATE sync_state SET cursor = ?, last_sync_at = ?, last_result = ? WHERE id = 1', args: [cursor, at, result] });
        },
      });
      await tx.commit();
      return result;
    } finally {
      tx.close();
    }
  }
}
