import 'server-only';
import { LibsqlError, type Client, type InArgs, type InStatement, type Transaction, type TransactionMode } from '@libsql/client';

/**
 * One writer at a time inside this process. SQLite lets one connection write, and libsql waits for
 * the lock in a *synchronous* busy handler: a second in-process writer blocked the event loop that
 * the lock holder needed to finish, for the whole busy timeout, then failed with SQLITE_BUSY — a
 * burst of N writers froze the server (N−1) × 5 s (found by scripts/soak.ts, decision 002).
 */
export class WriteQueue {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly timeoutMs: number) {}

  /** Resolves with this writer's release (idempotent) once the writers before it are done. */
  acquire(): Promise<() => void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve(this.release());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(this.release());
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(grant), 1);
        reject(new LibsqlError(`database is locked: waited ${this.timeoutMs} ms for this process's earlier writes`, 'SQLITE_BUSY'));
      }, this.timeoutMs);
      this.waiting.push(grant);
    });
  }

  private release(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The lock passes straight to the next writer, or is free when none waits.
      const grant = this.waiting.shift();
      if (grant) grant();
      else this.held = false;
    };
  }
}

/** Statements that only read; every other statement takes SQLite's one write lock. */
const READ_ONLY = /^\s*(select|explain)\b/i;

/**
 * WAL's own durability level: a commit appends to the WAL without an fsync (the checkpoint syncs).
 * The database cannot be corrupted by a crash; a power cut may undo the last commits. With FULL,
 * every commit's fsync (~5 ms here) ran inside libsql's synchronous call, on the event loop.
 */
export const WRITER_PRAGMA = 'PRAGMA synchronous=NORMAL';

export interface WriteRouting {
  /** Where writes run (default: `client` itself). */
  writer?: Client;
  /** Where plain reads run (default: `client`'s pool). */
  reader?: Client;
  /** The writer says WRITER_PRAGMA on every connection it opens (connection.ts): no need to say it before each write. */
  writerSetsDurability?: boolean;
}

/**
 * Makes `client` queue its write transactions, batches and writing statements one at a time, and
 * run them on `writer`: one connection (writes take turns anyway) set to `synchronous=NORMAL`.
 * Reads never wait: in WAL mode they do not block on the writer. Plain reads run on `reader`,
 * read transactions and batches on `client`'s pool. Statements run inside an open transaction go
 * through that transaction, which holds the queue.
 */
export function serializeWrites(
  client: Client,
  timeoutMs: number,
  { writer = client, reader = client, writerSetsDurability = false }: WriteRouting = {},
): void {
  const queue = new WriteQueue(timeoutMs);
  const reads = {
    transaction: client.transaction.bind(client),
    batch: client.batch.bind(client),
    execute: reader.execute.bind(reader) as (stmt: InStatement) => ReturnType<Client['execute']>,
  };
  const writes = {
    transaction: writer.transaction.bind(writer),
    batch: writer.batch.bind(writer),
    execute: writer.execute.bind(writer) as (stmt: InStatement) => ReturnType<Client['execute']>,
    executeMultiple: writer.executeMultiple.bind(writer),
    migrate: writer.migrate.bind(writer),
  };
  // Said before every write, unless the writer says it on opening: the writer's one connection is
  // normally the same, but libsql drops and reopens a connection that failed to roll back, and a
  // new one starts at FULL again.
  const durability = writerSetsDurability ? () => Promise.resolve() : () => writes.execute({ sql: WRITER_PRAGMA, args: [] });
  async function queued<T>(run: () => Promise<T>): Promise<T> {
    const release = await queue.acquire();
    try {
      await durability();
      return await run();
    } finally {
      release();
    }
  }

  client.transaction = async (mode?: TransactionMode): Promise<Transaction> => {
    if (mode === 'read') return reads.transaction(mode);
    const release = await queue.acquire();
    let tx: Transaction;
    try {
      await durability();
      tx = await writes.transaction(mode);
    } catch (err) {
      release();
      throw err;
    }
    // libsql hands the connection back (rolled back if need be) on every one of these, failed or not.
    const { commit, rollback, close } = { commit: tx.commit.bind(tx), rollback: tx.rollback.bind(tx), close: tx.close.bind(tx) };
    tx.commit = () => commit().finally(release);
    tx.rollback = () => rollback().finally(release);
    tx.close = () => {
      try {
        close();
      } finally {
        release();
      }
    };
    return tx;
  };
  client.batch = (stmts, mode) => (mode === 'read' ? reads.batch(stmts, mode) : queued(() => writes.batch(stmts, mode)));
  client.execute = ((stmt: InStatement, args?: InArgs) => {
    const statement = typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt;
    return READ_ONLY.test(statement.sql) ? reads.execute(statement) : queued(() => writes.execute(statement));
  }) as Client['execute'];
  client.executeMultiple = (sql) => queued(() => writes.executeMultiple(sql));
  client.migrate = (stmts) => queued(() => writes.migrate(stmts));
  const own = [...new Set([writer, reader])].filter((c) => c !== client);
  if (own.length > 0) {
    const close = client.close.bind(client);
    client.close = () => {
      for (const c of own) c.close();
      close();
    };
  }
}
