import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client, type InValue, type Transaction } from '@libsql/client';
import { isSyncEntityType, SYNC_ENTITY_TYPES, type SyncEntityType } from '@/lib/shared/schemas/records-sync';

/**
 * One record as the client keeps it: the server's metadata (created, updated, deleted, server
 * version), its fields, and a dirty flag for a local version not uploaded yet.
 */
export interface LocalRecord {
  entityType: SyncEntityType;
  id: string;
  /** The record's fields (its entity type's `data` schema); a tombstone keeps the last ones known, if any. */
  data: Record<string, unknown> | null;
  createdAt: number;
  updatedAt: number;
  deleted: boolean;
  /** The server version this record last had in a download; null while the server has not been heard about it. */
  serverVersion: number | null;
  dirty: boolean;
}

/** A record as a sync or an edit writes it: created_at is kept once set, and so is the server version unless given. */
export type RecordWrite = Omit<LocalRecord, 'createdAt' | 'serverVersion'> & { serverVersion?: number };

/** A local change the server refused (400, 403, 409 naming it): not uploaded again until it is edited. */
export interface SetAsideChange {
  entityType: SyncEntityType;
  id: string;
  updatedAt: number;
  status: number;
  code: string;
  message: string;
  at: number;
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

/** A database this client cannot use as it is (another program's, a newer client's, unknown records). */
export class StoreFormatError extends Error {}

/** PRAGMA user_version of the current layout: one table per entity type. Version 1 (unmarked) was one `records` table. */
const FORMAT = 2;

// The same names and metadata columns as the server's synced tables (lib/server/platform/db/columns.ts,
// syncedColumns), minus user_id (one account per database); the record's fields as JSON in `data`.
const entityTable = (type: SyncEntityType) => [
  `CREATE TABLE IF NOT EXISTS "${type}" (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER,
    server_version INTEGER,
    data TEXT,
    dirty INTEGER NOT NULL DEFAULT 0
  )`,
  `CREATE INDEX IF NOT EXISTS "${type}_dirty_idx" ON "${type}" (dirty) WHERE dirty = 1`,
];

const SCHEMA = [
  ...SYNC_ENTITY_TYPES.flatMap(entityTable),
  `CREATE TABLE IF NOT EXISTS set_aside (
    entity_type TEXT NOT NULL,
    id TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    status INTEGER NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (entity_type, id)
  )`,
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
  `PRAGMA user_version = ${FORMAT}`,
];

const OWN_TABLES = new Set<string>([...SYNC_ENTITY_TYPES, 'set_aside', 'sync_state']);

type Row = Record<string, unknown>;
type Executor = Pick<Client, 'execute'> | Pick<Transaction, 'execute'>;

/** The table of an entity type: only the registry's names ever reach SQL. */
function table(entityType: string): string {
  if (!isSyncEntityType(entityType)) throw new Error(`Unknown entity type "${entityType}"`);
  return `"${entityType}"`;
}

function toRecord(entityType: SyncEntityType, row: Row): LocalRecord {
  return {
    entityType,
    id: String(row.id),
    data: row.data === null ? null : (JSON.parse(String(row.data)) as Record<string, unknown>),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    deleted: row.deleted_at !== null,
    serverVersion: row.server_version === null ? null : Number(row.server_version),
    dirty: Number(row.dirty) === 1,
  };
}

async function getRecord(db: Executor, entityType: string, id: string): Promise<LocalRecord | undefined> {
  const { rows } = await db.execute({ sql: `SELECT * FROM ${table(entityType)} WHERE id = ?`, args: [id] });
  return rows[0] ? toRecord(entityType as SyncEntityType, rows[0] as Row) : undefined;
}

/** Writes a version; a new version of a set-aside change is uploaded again, so its note goes. */
async function putRecord(db: Executor, r: RecordWrite): Promise<void> {
  await db.execute({
    sql: `INSERT INTO ${table(r.entityType)} (id, created_at, updated_at, deleted_at, server_version, data, dirty) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, deleted_at = excluded.deleted_at,
            server_version = COALESCE(excluded.server_version, server_version), data = excluded.data, dirty = excluded.dirty`,
    args: [
      r.id,
      r.updatedAt,
      r.updatedAt,
      r.deleted ? r.updatedAt : null,
      r.serverVersion ?? null,
      r.data === null ? null : JSON.stringify(r.data),
      r.dirty ? 1 : 0,
    ],
  });
  await db.execute({ sql: 'DELETE FROM set_aside WHERE entity_type = ? AND id = ? AND updated_at <> ?', args: [r.entityType, r.id, r.updatedAt] });
}

// Parents before children, so a batch split in two never sends a child ahead of its parent.
const UPLOAD_ORDER: SyncEntityType[] = ['activities', 'habits', 'books', ...SYNC_ENTITY_TYPES.filter((t) => !['activities', 'habits', 'books'].includes(t))];

/** The reads and writes one sync applies, all inside one local write transaction. */
export interface SyncWriter {
  get(entityType: string, id: string): Promise<LocalRecord | undefined>;
  put(record: RecordWrite): Promise<void>;
  remove(entityType: string, id: string): Promise<void>;
  /** Clears the dirty flag if the record is still the version that was uploaded. */
  markClean(entityType: string, id: string, updatedAt: number): Promise<void>;
  /** Keeps a refused version out of uploads until the record changes again. */
  setAside(change: SetAsideChange): Promise<void>;
  forgetSetAside(entityType: string, id: string): Promise<void>;
  /** Live records that are not dirty and not in `present`: queued for upload again (the server lost them). */
  requeueMissing(present: ReadonlySet<string>): Promise<number>;
  saveCursor(cursor: number, at: number, result: string): Promise<void>;
}

/** The client's local database (a libsql file): one table per synced entity type, the set-aside changes and one sync_state row. */
export class LocalStore {
  private constructor(private readonly db: Client) {}

  static async open(path: string): Promise<LocalStore> {
    const file = resolve(path);
    mkdirSync(dirname(file), { recursive: true });
    const db = createClient({ url: `file:${file}`, timeout: 5000 });
    try {
      await prepare(db, file);
    } catch (err) {
      db.close();
      throw err;
    }
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

  /** A local edit: stored dirty, to be uploaded by the next sync (a set-aside version of it included). */
  async saveEdit(record: Omit<RecordWrite, 'dirty' | 'serverVersion'>): Promise<LocalRecord> {
    return this.inTransaction(async (w) => {
      await w.put({ ...record, dirty: true });
      await w.forgetSetAside(record.entityType, record.id);
      return (await w.get(record.entityType, record.id))!;
    });
  }

  async list(entityType: string, includeDeleted = false): Promise<LocalRecord[]> {
    const { rows } = await this.db.execute(`SELECT * FROM ${table(entityType)} ${includeDeleted ? '' : 'WHERE deleted_at IS NULL'} ORDER BY updated_at, id`);
    return rows.map((r) => toRecord(entityType as SyncEntityType, r as Row));
  }

  /** Local versions to upload, parents first: dirty and not set aside. */
  async dirtyRecords(): Promise<LocalRecord[]> {
    const out: LocalRecord[] = [];
    for (const type of UPLOAD_ORDER) {
      const { rows } = await this.db.execute({
        sql: `SELECT * FROM ${table(type)} t WHERE dirty = 1
                AND NOT EXISTS (SELECT 1 FROM set_aside s WHERE s.entity_type = ? AND s.id = t.id AND s.updated_at = t.updated_at)
              ORDER BY updated_at, id`,
        args: [type],
      });
      out.push(...rows.map((r) => toRecord(type, r as Row)));
    }
    return out;
  }

  /** Changes the server refused whose version is still the local one. */
  async setAside(): Promise<SetAsideChange[]> {
    const out: SetAsideChange[] = [];
    for (const type of SYNC_ENTITY_TYPES) {
      const { rows } = await this.db.execute({
        sql: `SELECT s.* FROM set_aside s JOIN ${table(type)} t ON t.id = s.id AND t.updated_at = s.updated_at AND t.dirty = 1 WHERE s.entity_type = ? ORDER BY s.at, s.id`,
        args: [type],
      });
      for (const r of rows as Row[]) {
        out.push({
          entityType: type,
          id: String(r.id),
          updatedAt: Number(r.updated_at),
          status: Number(r.status),
          code: String(r.code),
          message: String(r.message),
          at: Number(r.at),
        });
      }
    }
    return out;
  }

  /** Live or dirty records, and how many of them wait for an upload (set-aside ones not counted). */
  async counts(): Promise<{ records: number; pending: number; setAside: number }> {
    let records = 0;
    for (const type of SYNC_ENTITY_TYPES) {
      const { rows } = await this.db.execute(`SELECT COUNT(*) AS n FROM ${table(type)} WHERE deleted_at IS NULL OR dirty = 1`);
      records += Number(rows[0].n);
    }
    const setAside = (await this.setAside()).length;
    return { records, pending: (await this.dirtyRecords()).length, setAside };
  }

  /** Runs `fn` in one write transaction: everything it wrote is committed together, or nothing is. */
  async inTransaction<T>(fn: (w: SyncWriter) => Promise<T>): Promise<T> {
    const tx = await this.db.transaction('write');
    try {
      const result = await fn({
        get: (entityType, id) => getRecord(tx, entityType, id),
        put: (record) => putRecord(tx, record),
        remove: async (entityType, id) => {
          await tx.execute({ sql: `DELETE FROM ${table(entityType)} WHERE id = ?`, args: [id] });
          await tx.execute({ sql: 'DELETE FROM set_aside WHERE entity_type = ? AND id = ?', args: [entityType, id] });
        },
        forgetSetAside: async (entityType, id) => {
          await tx.execute({ sql: 'DELETE FROM set_aside WHERE entity_type = ? AND id = ?', args: [entityType, id] });
        },
        markClean: async (entityType, id, updatedAt) => {
          await tx.execute({ sql: `UPDATE ${table(entityType)} SET dirty = 0 WHERE id = ? AND updated_at = ?`, args: [id, updatedAt] });
        },
        setAside: async (c) => {
          await tx.execute({
            sql: `INSERT INTO set_aside (entity_type, id, updated_at, status, code, message, at) VALUES (?, ?, ?, ?, ?, ?, ?)
                  ON CONFLICT (entity_type, id) DO UPDATE SET updated_at = excluded.updated_at, status = excluded.status, code = excluded.code, message = excluded.message, at = excluded.at`,
            args: [c.entityType, c.id, c.updatedAt, c.status, c.code, c.message, c.at],
          });
        },
        requeueMissing: async (present) => {
          let requeued = 0;
          for (const type of SYNC_ENTITY_TYPES) {
            const { rows } = await tx.execute(`SELECT id FROM ${table(type)} WHERE dirty = 0 AND deleted_at IS NULL`);
            for (const { id } of rows as Row[]) {
              if (present.has(`${type}/${String(id)}`)) continue;
              await tx.execute({ sql: `UPDATE ${table(type)} SET dirty = 1, server_version = NULL WHERE id = ?`, args: [String(id)] });
              requeued += 1;
            }
          }
          return requeued;
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

async function tablesOf(db: Client): Promise<string[]> {
  const { rows } = await db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  return rows.map((r) => String(r.name));
}

/** Creates a new database, upgrades one of the first format, or refuses one this client cannot use. */
async function prepare(db: Client, file: string): Promise<void> {
  const version = Number((await db.execute('PRAGMA user_version')).rows[0].user_version);
  if (version > FORMAT)
    throw new StoreFormatError(
      `${file} was written by a newer sync client (format ${version}, this one knows ${FORMAT}); update this client or use another --db`,
    );
  const tables = await tablesOf(db);
  if (version === 0 && tables.includes('records')) return migrateFromRecordsTable(db, file);
  // Unmarked yet not empty, or marked but with tables of its own: another program's file.
  const foreign = version === 0 ? tables : tables.filter((t) => !OWN_TABLES.has(t));
  if (foreign.length > 0) throw new StoreFormatError(`${file} is not a sync-client database (it has tables ${foreign.sort().join(', ')}); use another --db`);
  await db.batch(SCHEMA, 'write');
}

/** Format 1 kept every record in one `records` table: each row moves to its entity type's table, in one transaction. */
async function migrateFromRecordsTable(db: Client, file: string): Promise<void> {
  const tx = await db.transaction('write');
  try {
    const { rows } = await tx.execute('SELECT * FROM records ORDER BY entity_type, id');
    const unknown = [...new Set((rows as Row[]).map((r) => String(r.entity_type)).filter((t) => !isSyncEntityType(t)))];
    if (unknown.length > 0) {
      throw new StoreFormatError(
        `${file} holds records of unknown entity types (${unknown.join(', ')}) that this client cannot keep; nothing was changed — sync it with the client that wrote it, or use another --db`,
      );
    }
    for (const statement of SCHEMA) await tx.execute(statement);
    for (const r of rows as Row[]) {
      const updatedAt = Number(r.updated_at);
      // Format 1 kept neither the creation time nor server versions: the next download fills the latter in.
      await tx.execute({
        sql: `INSERT INTO ${table(String(r.entity_type))} (id, created_at, updated_at, deleted_at, server_version, data, dirty) VALUES (?, ?, ?, ?, NULL, ?, ?)`,
        args: [
          String(r.id),
          updatedAt,
          updatedAt,
          Number(r.deleted) === 1 ? updatedAt : null,
          r.data === null ? null : String(r.data),
          Number(r.dirty) === 1 ? 1 : 0,
        ],
      });
    }
    await tx.execute('DROP TABLE records');
    await tx.commit();
  } finally {
    tx.close();
  }
}
