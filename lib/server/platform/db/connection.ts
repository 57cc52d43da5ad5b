import 'server-only';
import Database from 'libsql';
import {
  LibsqlBatchError,
  LibsqlError,
  type Client,
  type InArgs,
  type InStatement,
  type Replicated,
  type ResultSet,
  type Transaction,
  type TransactionMode,
} from '@libsql/client';
import { beginStatement, toLibsqlError, closedError, argsToSql, rowFromSql, Result } from './sqlite-values';

// @libsql/client's embedded client prepares every statement it runs, then asks the statement twice
// for its columns and, for one that returns no rows, throws and catches an error to find that out:
// ~0.1–0.25 ms a statement, more than SQLite's own work on a primary-key read or a one-row upsert.
// A write runs ~9 of them (decision 058). This is the same client for one connection, keeping what
// it prepared: a statement is prepared and described once, then only bound and stepped.

type Statement = Database.Statement;

interface Prepared {
  statement: Statement;
  /** Column names and declared types, or null for a statement that returns no rows. */
  columns: string[] | null;
  columnTypes: string[];
}

/** Prepared statements kept per connection; past this many, the least recently used is dropped. */
const MAX_STATEMENTS = 256;

/** Statements that change the schema: a cached statement's column names may no longer hold after one. */
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

export interface ConnectionOptions {
  /** Busy timeout (ms), as @libsql/client's `timeout`. */
  timeout?: number;
  /** Run on every connection opened, before its first statement (the writer's `synchronous=NORMAL`). */
  onOpen?: string;
  /** How many prepared statements to keep (tests lower it). */
  maxStatements?: number;
}

/** Notes the statement's column names and declared types (libsql reads them anew on each call). */
function describe(prepared: Prepared): void {
  const columns = prepared.statement.columns();
  prepared.columns = columns.map((c) => c.name);
  prepared.columnTypes = columns.map((c) => c.type ?? '');
}

/** One SQLite connection and the statements it prepared, most recently used last. */
export class Connection {
  private db: Database.Database | null;
  private readonly statements = new Map<string, Prepared>();

  constructor(
    private readonly path: string,
    private readonly options: ConnectionOptions = {},
  ) {
    this.db = this.open();
  }

  private open(): Database.Database {
    const db = new Database(this.path, { timeout: this.options.timeout });
    try {
      if (this.options.onOpen) db.exec(this.options.onOpen);
    } catch (err) {
      db.close();
      throw toLibsqlError(err);
    }
    return db;
  }

  get closed(): boolean {
    return this.db === null;
  }

  get inTransaction(): boolean {
    return this.db !== null && this.db.open && this.db.inTransaction;
  }

  /** How many prepared statements the connection keeps now. */
  get cachedStatements(): number {
    return this.statements.size;
  }

  private database(): Database.Database {
    if (!this.db?.open) throw closedError();
    return this.db;
  }

  private prepared(sql: string): Prepared {
    const hit = this.statements.get(sql);
    if (hit) {
      this.statements.delete(sql);
      this.statements.set(sql, hit);
      return hit;
    }
    const statement = this.database().prepare(sql);
    statement.safeIntegers(true);
    let returnsRows = true;
    try {
      statement.raw(true);
    } catch {
      // libsql refuses raw mode for a statement that returns no rows: that is how it says so.
      returnsRows = false;
    }
    const prepared: Prepared = { statement, columns: null, columnTypes: [] };
    if (returnsRows) describe(prepared);
    this.statements.set(sql, prepared);
    if (this.statements.size > (this.options.maxStatements ?? MAX_STATEMENTS)) this.statements.delete(this.statements.keys().next().value!);
    return prepared;
  }

  /** Runs one statement, as @libsql/client's embedded client would, with its statement kept. */
  execute(stmt: InStatement): ResultSet {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const args = typeof stmt === 'string' ? [] : argsToSql(stmt.args);
    try {
      const prepared = this.prepared(sql);
      if (SCHEMA_CHANGE.test(sql)) this.statements.clear();
      if (prepared.columns === null) {
        const info = prepared.statement.run(args);
        return new Result([], [], [], info.changes, BigInt(info.lastInsertRowid));
      }
      const values = prepared.statement.all(args) as unknown[][];
      // SQLite prepares a statement again by itself when another connection changed a table it reads;
      // the names kept here follow when the row's shape moved.
      if (values.length > 0 && values[0].length !== prepared.columns.length) describe(prepared);
      return new Result(
        prepared.columns,
        prepared.columnTypes,
        values.map((v) => rowFromSql(v, prepared.columns!)),
        0,
        undefined,
      );
    } catch (err) {
      throw toLibsqlError(err);
    }
  }

  /** Runs several statements of SQL text at once (migrations, scripts): none is kept, and the kept ones are dropped. */
  executeMultiple(sql: string): void {
    this.statements.clear();
    try {
      this.database().exec(sql);
    } catch (err) {
      throw toLibsqlError(err);
    }
  }

  /** Rolls back what is left open; a connection that cannot is replaced by a new one. */
  settle(): void {
    if (!this.db?.open || !this.db.inTransaction) return;
    try {
      this.execute('ROLLBACK');
    } catch {
      this.replace();
    }
  }

  /** A new connection in place of this one (its kept statements go with it). */
  replace(): void {
    this.close();
    this.db = this.open();
  }

  close(): void {
    this.statements.clear();
    const db = this.db;
    this.db = null;
    try {
      if (db?.open) db.close();
    } catch {
      // nothing useful to do while tearing down
    }
  }
}

/**
 * A @libsql/client `Client` on one `Connection`: statements, batches and transactions take the
 * connection one at a time (a transaction holds it until it settles, and anything else asked
 * meanwhile is refused, as a one-connection client in use by a transaction refuses it). Used for
 * the process's writer, whose users take turns already (write-queue.ts), and for plain reads,
 * which run synchronously and so never overlap.
 */
export class ConnectionClient implements Client {
  readonly protocol = 'file';
  private readonly connection: Connection;
  private held = false;

  constructor(path: string, options: ConnectionOptions = {}) {
    this.connection = new Connection(path, options);
  }

  get closed(): boolean {
    return this.connection.closed;
  }

  /** How many prepared statements the connection keeps now. */
  get cachedStatements(): number {
    return this.connection.cachedStatements;
  }

  private take(): Connection {
    if (this.connection.closed) throw closedError();
    if (this.held) {
      throw new LibsqlError(
        'This client has a single connection, which an open transaction is holding. Commit or roll back the transaction before using the client again.',
        'TRANSACTION_ACTIVE',
      );
    }
    return this.connection;
  }

  async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const connection = this.take();
    try {
      return connection.execute(typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt);
    } finally {
      connection.settle();
    }
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    const connection = this.take();
    try {
      connection.execute(beginStatement(mode));
      const results = runBatch(connection, stmts);
      connection.execute('COMMIT');
      return results;
    } finally {
      connection.settle();
    }
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    const connection = this.take();
    try {
      connection.execute('PRAGMA foreign_keys=off');
      connection.execute(beginStatement('deferred'));
      const results = runBatch(connection, stmts);
      connection.execute('COMMIT');
      return results;
    } finally {
      connection.settle();
      connection.execute('PRAGMA foreign_keys=on');
    }
  }

  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    const connection = this.take();
    try {
      connection.execute(beginStatement(mode));
    } catch (err) {
      connection.settle();
      throw err;
    }
    this.held = true;
    return new ConnectionTransaction(connection, () => {
      this.held = false;
      connection.settle();
    });
  }

  async executeMultiple(sql: string): Promise<void> {
    const connection = this.take();
    try {
      connection.executeMultiple(sql);
    } finally {
      connection.settle();
    }
  }

  sync(): Promise<Replicated> {
    return Promise.reject(new LibsqlError('sync() is only for embedded replicas', 'SYNC_NOT_SUPPORTED'));
  }

  reconnect(): void {
    this.held = false;
    this.connection.replace();
  }

  close(): void {
    this.held = false;
    this.connection.close();
  }
}

function runBatch(connection: Connection, stmts: Array<InStatement | [string, InArgs?]>): ResultSet[] {
  const results: ResultSet[] = [];
  for (let i = 0; i < stmts.length; i++) {
    try {
      if (!connection.inTransaction) throw new LibsqlBatchError('The transaction has been rolled back', i, 'TRANSACTION_CLOSED');
      const stmt = stmts[i];
      results.push(connection.execute(Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] ?? [] } : stmt));
    } catch (err) {
      if (err instanceof LibsqlBatchError) throw err;
      if (err instanceof LibsqlError)
        throw new LibsqlBatchError(err.message, i, err.code, err.extendedCode, err.rawCode, err.cause instanceof Error ? err.cause : undefined);
      throw err;
    }
  }
  return results;
}

class ConnectionTransaction implements Transaction {
  private connection: Connection | null;

  constructor(
    connection: Connection,
    private readonly release: () => void,
  ) {
    this.connection = connection;
  }

  get closed(): boolean {
    return this.connection === null || !this.connection.inTransaction;
  }

  private open(): Connection {
    if (this.closed) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
    return this.connection!;
  }

  /** Hands the connection back (rolling back what is left open); idempotent. */
  private settle(): void {
    if (this.connection === null) return;
    this.connection = null;
    this.release();
  }

  async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    return this.open().execute(typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt);
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>): Promise<ResultSet[]> {
    return runBatch(this.open(), stmts);
  }

  async executeMultiple(sql: string): Promise<void> {
    this.open().executeMultiple(sql);
  }

  async commit(): Promise<void> {
    try {
      this.open().execute('COMMIT');
    } finally {
      this.settle();
    }
  }

  async rollback(): Promise<void> {
    const connection = this.connection;
    try {
      if (connection && !connection.closed && connection.inTransaction) connection.execute('ROLLBACK');
    } finally {
      this.settle();
    }
  }

  close(): void {
    this.settle();
  }
}
