import 'server-only';
import { TaskDocument } from '@/lib/shared/crdt';
import type { Db, Tx } from '@/lib/server/platform/db/client';
import { logger } from '@/lib/server/platform/log';
import { floorSeq, opsAfter, userSnapshots, type StoredOp } from './log';

type Snapshot = Awaited<ReturnType<typeof userSnapshots>>[number];

/** Reads again at most this often when compactions keep landing between the reads. */
const MAX_READS = 5;

/**
 * A user's snapshots and every op after the oldest of them, consistent with each other. The two
 * are separate reads: a compaction committing between them (on this node or another) replaces the
 * snapshots and prunes ops the old ones still needed. Compaction raises the floor past everything
 * it pruned, so a floor above `from` after the reads means "read again"; inside a transaction it
 * never is.
 */
export async function readLogState(db: Db | Tx, userId: string): Promise<{ snaps: Snapshot[]; rest: StoredOp[]; upto: number }> {
  for (let attempt = 1; ; attempt++) {
    const snaps = await userSnapshots(db, userId);
    const from = snaps.length ? Math.min(...snaps.map((s) => s.uptoServerSeq)) : 0;
    const rest = await opsAfter(db, userId, from);
    const floor = await floorSeq(db, userId);
    // What the state covers: the newest op read, or the newest snapshot when it is ahead of the ops.
    const upto = Math.max(from, rest.at(-1)?.serverSeq ?? 0, ...snaps.map((s) => s.uptoServerSeq));
    if (floor <= from) return { snaps, rest, upto };
    if (attempt >= MAX_READS) {
      logger().error({ userId, floor, from }, 'op log: snapshots older than the compaction floor; serving them as they are');
      return { snaps, rest, upto };
    }
  }
}

/** The user's whole task state: snapshots, then every op after the oldest of them (apply is idempotent). */
export async function materialise(db: Db | Tx, userId: string): Promise<{ doc: TaskDocument; upto: number }> {
  const { snaps, rest, upto } = await readLogState(db, userId);
  const doc = new TaskDocument();
  for (const s of snaps) doc.loadResource(s.scope, s.resourceId, s.state);
  doc.applyAll(rest);
  return { doc, upto };
}
