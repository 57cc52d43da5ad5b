import 'server-only';
import { and, asc, eq, gt, max } from 'drizzle-orm';
import type { OpEnvelope } from '@/lib/shared/crdt';
import type { Db, Tx } from '@/lib/server/platform/db/client';
import { ops, snapshots } from './schema';
import { raiseCounter, readCounter } from '@/lib/server/platform/db/counters';

export type StoredOp = OpEnvelope & { serverSeq: number };

export function toEnvelope(row: {
  serverSeq: number;
  scope: 'registry' | 'list';
  resourceId: string;
  actor: string;
  clock: number;
  payload: string;
}): StoredOp {
  return {
    serverSeq: row.serverSeq,
    scope: row.scope,
    resourceId: row.resourceId,
    actor: row.actor,
    clock: row.clock,
    payload: JSON.parse(row.payload),
  } as StoredOp;
}

// What clients call `serverSeq` is the op's number in its user's log (user_seq), never the table's row id.
const opColumns = { serverSeq: ops.userSeq, scope: ops.scope, resourceId: ops.resourceId, actor: ops.actor, clock: ops.clock, payload: ops.payload };

// Compaction records the highest pruned number as the user's `oplog_floor` counter; a pull from
// below it gets 410.

/** Ops of one user after `since`, in the log's order, at most `limit` (by the (user_id, user_seq) index). */
export async function opsAfter(db: Db | Tx, userId: string, since: number, limit?: number): Promise<StoredOp[]> {
  const query = db
    .select(opColumns)
    .from(ops)
    .where(and(eq(ops.userId, userId), gt(ops.userSeq, since)))
    .orderBy(asc(ops.userSeq));
  const rows = limit === undefined ? await query : await query.limit(limit);
  return rows.map(toEnvelope);
}

/** The newest number the user's log has reached (snapshots count when compaction pruned the ops). */
export async function headSeq(db: Db | Tx, userId: string): Promise<number> {
  const [op] = await db
    .select({ seq: max(ops.userSeq) })
    .from(ops)
    .where(eq(ops.userId, userId));
  const [snap] = await db
    .select({ seq: max(snapshots.uptoServerSeq) })
    .from(snapshots)
    .where(eq(snapshots.userId, userId));
  return Math.max(op?.seq ?? 0, snap?.seq ?? 0);
}

export function floorSeq(db: Db | Tx, userId: string): Promise<number> {
  return readCounter(db, userId, 'oplog_floor');
}

export function setFloorSeq(tx: Tx, userId: string, floor: number): Promise<void> {
  return raiseCounter(tx, userId, 'oplog_floor', floor);
}

/** The last number given to an op of the user's log; the next op gets a higher one. */
export function lastSeq(db: Db | Tx, userId: string): Promise<number> {
  return readCounter(db, userId, 'oplog_seq');
}

export function setLastSeq(tx: Tx, userId: string, seq: number): Promise<void> {
  return raiseCounter(tx, userId, 'oplog_seq', seq);
}

export async function userSnapshots(db: Db | Tx, userId: string) {
  return db.select().from(snapshots).where(eq(snapshots.userId, userId));
}
