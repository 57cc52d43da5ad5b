import 'server-only';
import { processSingleton } from '@/lib/server/platform/process';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { config } from '@/lib/server/platform/config';
import { ConnectionClient } from './connection';
import { WRITER_PRAGMA, serializeWrites } from './write-queue';

// No schema generic: queries name their tables (imported from the domain that owns each), and the
// platform stays free of any domain's tables.
export type Db = LibSQLDatabase<Record<string, never>>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

interface DbHandle {
  url: string;
  client: Client;
  db: Db;
  /** The connection for plain reads, when the process keeps one of its own. */
  reader?: ConnectionClient;
}

// One handle per process (process.ts).
const slot = processSingleton('db', (): { db?: DbHandle } => ({}));

function filePath(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  return url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
}

function open(): DbHandle {
  const { databaseUrl, DATABASE_AUTH_TOKEN, DATABASE_BUSY_TIMEOUT_MS } = config();
  const path = filePath(databaseUrl);
  if (path && path !== ':memory:') mkdirSync(dirname(resolve(/*turbopackIgnore: true*/ path)), { recursive: true });
  // `timeout` sets the busy timeout on every pooled connection; a PRAGMA would reach only one.
  const client = createClient({ url: databaseUrl, authToken: DATABASE_AUTH_TOKEN, timeout: DATABASE_BUSY_TIMEOUT_MS });
  // The busy timeout is for other processes; this process's own writers take turns (write-queue.ts)
  // on a connection of their own. An in-memory database exists once per connection: it keeps one.
  // The writer and the connection for plain reads keep their prepared statements (connection.ts,
  // decision 058); transactions and batches that only read stay on the client's pool.
  let reads: ConnectionClient | undefined;
  if (path) {
    // A URL with a query or an escape is left to @libsql/client to read: the connections must open the same file.
    const own = path !== ':memory:' && !/[?#%]/.test(databaseUrl);
    const writer = own
      ? new ConnectionClient(path, { timeout: DATABASE_BUSY_TIMEOUT_MS, onOpen: WRITER_PRAGMA })
      : path === ':memory:'
        ? client
        : createClient({ url: databaseUrl, timeout: DATABASE_BUSY_TIMEOUT_MS, concurrency: 1 });
    if (own) reads = new ConnectionClient(path, { timeout: DATABASE_BUSY_TIMEOUT_MS });
    serializeWrites(client, DATABASE_BUSY_TIMEOUT_MS, { writer, reader: reads ?? client, writerSetsDurability: own });
  }
  return { url: databaseUrl, client, db: drizzle(client), reader: reads };
}

function handle(): DbHandle {
  const url = config().databaseUrl;
  if (!slot.db || slot.db.url !== url) slot.db = open();
  return slot.db;
}

export function getDb(): Db {
  return handle().db;
}

export function getClient(): Client {
  return handle().client;
}

export function isFileDatabase(): boolean {
  return filePath(config().databaseUrl) !== undefined;
}

/** The embedded database's file, when DATABASE_URL names one. */
export function databaseFile(): string | undefined {
  const path = filePath(config().databaseUrl);
  return path && path !== ':memory:' ? resolve(/*turbopackIgnore: true*/ path) : undefined;
}

/**
 * Opens the connection for plain reads afresh, after a migration (migrate.ts). The migrator reads
 * its journal through it, so it holds the schema from before the migration, and would rely on
 * SQLite noticing the change at its next statement. A whole test run once saw that read of a table
 * the migration had just made fail with "no such table"; a fresh connection loads the migrated schema.
 */
export function reopenReader(): void {
  slot.db?.reader?.reconnect();
}

/** Closes the process's handle (tests and the CLI call it before exit). */
export function closeDb(): void {
  slot.db?.client.close();
  slot.db = undefined;
}
