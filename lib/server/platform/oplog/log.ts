import 'server-only';
import { and, asc, eq, gt, max, sql } from 'drizzle-orm';
import type { OpEnvelope } from '@/lib/shared/crdt';
import type { Db, Tx } from '@/lib/server/platform/db/client';
import { ops, snapshots } from './schema';
import { scopeVersions } from '@/lib/server/platform/changes/schema';

export type StoredOp = OpEnvelope & { serverSeq: number };

/** Compaction records the highest pruned server_seq here; a pull from below it gets 410. */
export const OPLOG_FLOOR_SCOPE = '_oplog_floor';

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

const opColumns = { serverSeq: ops.serverSeq, scope: ops.scope, resourceId: ops.resourceId, actor: ops.actor, clock: ops.clock, payload: ops.payload };

/** Ops of one user after `since`, in server order, at most `limit` (by the (user_id, server_seq) index). */
export async function opsAfter(db: Db | Tx, userId: string, since: number, limit?: number): Promise<StoredOp[]> {
  const query = db
    .select(opColumns)
    .from(ops)
    .where(and(eq(ops.userId, userId), gt(ops.serverSeq, since)))
    .orderBy(asc(ops.serverSeq));
  const rows = limit === undefined ? await query : await query.limit(limit);
  return rows.map(toEnvelope);
}

/** The newest server_seq the user's log has reached (snapshots count when compaction pruned the ops). */
export async function headSeq(db: Db | Tx, userId: string): Promise<number> {
  const [op] = await db
    .select({ seq: max(ops.serverSeq) })
    .from(ops)
    .where(eq(ops.userId, userId));
  const [snap] = await db
    .select({ seq: max(snapshots.uptoServerSeq) })
    .from(snapshots)
    .where(eq(snapshots.userId, userId));
  return Math.max(op?.seq ?? 0, snap?.seq ?? 0);
}

export async function floorSeq(db: Db | Tx, userId: string): Promise<number> {
  const row = await db
    .select({ version: scopeVersions.version })
    .from(scopeVersions)
    .where(and(eq(scopeVersions.userId, userId), eq(scopeVersions.scope, OPLOG_FLOOR_SCOPE)))
    .get();
  return row?.version ?? 0;
}

export async function setFloorSeq(tx: Tx, userId: string, floor: number): Promise<void> {
  await tx
    .insert(scopeVersions)
    .values({ userId, scope: OPLOG_FLOOR_SCOPE, version: floor })
    .onConflictDoUpdate({ target: [scopeVersions.userId, scopeVersions.scope], set: { version: sql`max(${scopeVersions.version}, ${floor})` } });
}

export async function userSnapshots(db: Db | Tx, userId: string) {
  return db.select().from(snapshots).where(eq(snapshots.userId, userId));
}
