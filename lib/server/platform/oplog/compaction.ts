import 'server-only';
import { processSingleton } from '@/lib/server/platform/process';
import { and, eq, isNull, lt, lte, min } from 'drizzle-orm';
import { config } from '@/lib/server/platform/config';
import { getDb } from '@/lib/server/platform/db/client';
import { ops, snapshots, syncClients } from './schema';
import { forgetDocument } from './documents';
import { headSeq, setFloorSeq } from './log';
import { materialise } from './state';

export interface CompactionResult {
  userId: string;
  snapshots: number;
  pruned: number;
  retired: number;
  floor: number;
}

export const compactionStats = () => processSingleton('compaction-stats', () => ({ runs: 0, pruned: 0 }));

/**
 * Compacts one user's log: materialises per-resource snapshots with the shared CRDT, retires
 * clients unseen for OPLOG_RETIRE_AFTER_DAYS, and deletes ops below the slowest live cursor minus
 * a safety buffer — every live client can still pull all it lacks; the rest re-bootstrap (410).
 */
export async function compactUser(userId: string, now = Date.now()): Promise<CompactionResult> {
  const { OPLOG_SAFETY_BUFFER, OPLOG_RETIRE_AFTER_DAYS } = config();
  const result = await getDb().transaction(async (tx) => {
    const { doc } = await materialise(tx, userId);
    const head = await headSeq(tx, userId);
    const retired = await tx
      .update(syncClients)
      .set({ retiredAt: now })
      .where(and(eq(syncClients.userId, userId), isNull(syncClients.retiredAt), lt(syncClients.lastSeenAt, now - OPLOG_RETIRE_AFTER_DAYS * 86_400_000)))
      .returning({ clientId: syncClients.clientId });
    const [slowest] = await tx
      .select({ cursor: min(syncClients.lastSeenServerSeq) })
      .from(syncClients)
      .where(and(eq(syncClients.userId, userId), isNull(syncClients.retiredAt)));
    const floor = Math.max(0, Math.min(slowest?.cursor ?? head, head) - OPLOG_SAFETY_BUFFER);
    const resources = doc.resources();
    for (const { scope, resourceId } of resources) {
      const state = doc.snapshotResource(scope, resourceId);
      await tx
        .insert(snapshots)
        .values({ userId, scope, resourceId, uptoServerSeq: head, state })
        .onConflictDoUpdate({ target: [snapshots.userId, snapshots.scope, snapshots.resourceId], set: { uptoServerSeq: head, state } });
    }
    const pruned = await tx
      .delete(ops)
      .where(and(eq(ops.userId, userId), lte(ops.userSeq, floor)))
      .returning({ seq: ops.userSeq });
    // No scope moves: compaction changes no task, and a retired client's pull checks its retirement
    // before any 304 (tasks domain, `tasksPull`).
    if (floor > 0) await setFloorSeq(tx, userId, floor);
    return { userId, snapshots: resources.length, pruned: pruned.length, retired: retired.length, floor };
  });
  forgetDocument(userId);
  const stats = compactionStats();
  stats.runs += 1;
  stats.pruned += result.pruned;
  return result;
}

/** Compacts every user that has an op log. */
export async function compactAll(now = Date.now()): Promise<CompactionResult[]> {
  const owners = await getDb()
    .selectDistinct({ userId: ops.userId })
    .from(ops)
    .union(getDb().selectDistinct({ userId: snapshots.userId }).from(snapshots));
  const results = [];
  for (const { userId } of owners) results.push(await compactUser(userId, now));
  return results;
}
