import 'server-only';
import type { Client, InValue, ResultSet, Transaction } from '@libsql/client';
import { is } from 'drizzle-orm';
import { LibSQLSession } from 'drizzle-orm/libsql';
import { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import type { Db, Tx } from './client';

// The statements every write and every push runs are fixed SQL text with `?` parameters. Drizzle's
// `sql` template rebuilt that text on each call, several objects per chunk, and that cost a write
// more than SQLite's work on it (decision 070). These run the text where drizzle itself would run it:
// on the transaction when `db` is one, else on the database's client — the same choice drizzle's
// prepared queries make (`this.tx ? this.tx.execute(stmt) : this.client.execute(stmt)`).

/** What drizzle's libsql session holds: checked on every use, so a changed drizzle fails loudly, never runs outside a transaction. */
interface SessionParts {
  client?: Client;
  tx?: Transaction;
}

function executor(db: Db | Tx): Pick<Client, 'execute'> {
  const session = (db as unknown as { session?: unknown }).session;
  if (!is(session, LibSQLSession)) throw new Error('statements.ts: this drizzle database has no libsql session; see decision 070');
  const { client, tx } = session as unknown as SessionParts;
  const target = is(db, SQLiteTransaction) ? tx : client;
  if (typeof target?.execute !== 'function') throw new Error('statements.ts: drizzle no longer keeps its libsql transaction where it did; see decision 070');
  return target;
}

/** Runs one statement of plain SQL text; the result says how many rows it changed. */
export function runSql(db: Db | Tx, text: string, args: InValue[] = []): Promise<ResultSet> {
  return executor(db).execute({ sql: text, args });
}

/** The rows of one statement of plain SQL text, each as its column values in order. */
export async function sqlValues<T extends unknown[]>(db: Db | Tx, text: string, args: InValue[] = []): Promise<T[]> {
  // Indexed like arrays, not iterable: read them as row[0], row[1]…
  return (await executor(db).execute({ sql: text, args })).rows as unknown as T[];
}
