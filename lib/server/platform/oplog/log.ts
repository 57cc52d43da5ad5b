import 'server-only';
import { eq } from 'drizzle-orm';
import type { OpEnvelope } from '@/lib/shared/crdt';
import type { Db, Tx } from '@/lib/server/platform/db/client';
import { snapshots } from './schema';
import { raiseCounter, readCounter } from '@/lib/server/platform/db/counters';
import { runSql, sqlValues } from '@/lib/server/platform/db/statements';

export type StoredOp = OpEnvelope & { serverSeq: number };

// The statements a push or a pull page runs are plain SQL text, run without drizzle's builder: it
// cost more per statement than SQLite's work on it (decisions 056, 070). What clients call `serverSeq` is the op's
// number in its user's log (user_seq), never the table's row id (schema.ts).

/**
 * Ops of one user after `since`, in the log's order, at most `limit` (by the (user_id, user_seq) index).
 * SQLite hands the page over as one JSON array, parsed once: reading it row by row, the client built
 * an object per row and a property per column, and that cost more than SQLite's own work (decision 056).
 */
export async function opsAfter(db: Db | Tx, userId: string, since: number, limit?: number): Promise<StoredOp[]> {
  const [row] = await sqlValues<[string]>(
    db,
    `select json_group_array(json_object('serverSeq', user_seq, 'scope', scope, 'resourceId', resource_id, 'actor', actor, 'clock', clock, 'payload', json(payload)) order by user_seq)
      from (select user_seq, scope, resource_id, actor, clock, payload from ops where user_id = ? and user_seq > ? order by user_seq${limit === undefined ? '' : ' limit ?'})`,
    limit === undefined ? [userId, since] : [userId, since, limit],
  );
  return JSON.parse(row[0]) as StoredOp[];
}

/**
 * Appends `batch` to the user's log in one statement, numbering it from `first` in its order; an op
 * already in the log (same actor, clock, scope, resourceId) is skipped and its number stays unused.
 * The rows travel as one JSON parameter that SQLite unpacks: no per-op statement, no SQL variable
 * limit. Returns the numbers given to the ops stored: when every op was new (a push's usual case)
 * they are `first` onwards, and only a batch with duplicates reads back which numbers were used.
 */
export async function appendOps(tx: Tx, userId: string, first: number, batch: readonly OpEnvelope[], now: number): Promise<number[]> {
  const rows = JSON.stringify(batch.map((op) => [op.scope, op.resourceId, op.actor, op.clock, JSON.stringify(op.payload)]));
  // `where true`: SQLite's rule for an INSERT … SELECT followed by ON CONFLICT.
  const { rowsAffected } = await runSql(
    tx,
    `insert into ops (user_seq, user_id, scope, resource_id, actor, clock, payload, received_at)
      select ? + key, ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, ?
      from json_each(?) where true order by key
      on conflict do nothing`,
    [first, userId, now, rows],
  );
  if (rowsAffected === batch.length) return Array.from(batch, (_, i) => first + i);
  if (rowsAffected === 0) return [];
  const stored = await sqlValues<[number]>(tx, 'select user_seq from ops where user_id = ? and user_seq between ? and ? order by user_seq', [
    userId,
    first,
    first + batch.length - 1,
  ]);
  return stored.map((row) => Number(row[0]));
}

export interface LogBounds {
  /** The compaction floor: a cursor below it cannot be served (410). */
  floor: number;
  /** The newest number the log has reached (snapshots count when compaction pruned the ops). */
  head: number;
  /** The last number given to an op; the next op gets a higher one. */
  last: number;
}

/** The user's floor, head and last number, in one statement. */
export async function logBounds(db: Db | Tx, userId: string): Promise<LogBounds> {
  const [row] = await sqlValues<number[]>(
    db,
    `select
      coalesce((select value from user_counters where user_id = ?1 and name = 'oplog_floor'), 0),
      max(coalesce((select max(user_seq) from ops where user_id = ?1), 0),
          coalesce((select max(upto_server_seq) from snapshots where user_id = ?1), 0)),
      coalesce((select value from user_counters where user_id = ?1 and name = 'oplog_seq'), 0)`,
    [userId],
  );
  return { floor: Number(row[0]), head: Number(row[1]), last: Number(row[2]) };
}

/** The newest number the user's log has reached (snapshots count when compaction pruned the ops). */
export async function headSeq(db: Db | Tx, userId: string): Promise<number> {
  return (await logBounds(db, userId)).head;
}

// Compaction records the highest pruned number as the user's `oplog_floor` counter; a pull from
// below it gets 410.

export function floorSeq(db: Db | Tx, userId: string): Promise<number> {
  return readCounter(db, userId, 'oplog_floor');
}

export function setFloorSeq(tx: Tx, userId: string, floor: number): Promise<void> {
  return raiseCounter(tx, userId, 'oplog_floor', floor);
}

export function setLastSeq(tx: Tx, userId: string, seq: number): Promise<void> {
  return raiseCounter(tx, userId, 'oplog_seq', seq);
}

export async function userSnapshots(db: Db | Tx, userId: string) {
  return db.select().from(snapshots).where(eq(snapshots.userId, userId));
}
