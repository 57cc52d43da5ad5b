import { TaskDocument, type OpEnvelope } from '@/lib/shared/crdt';
import { opEnvelopeSchema } from '@/lib/shared/schemas/oplog';

/** Ops from another tab: tabs of an older and a newer build can share one channel, so apply only what this build reads. */
export function readOps(raw: unknown): OpEnvelope[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((op) => {
    const parsed = opEnvelopeSchema.safeParse(op);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Merges a whole-document snapshot into `doc`, resource by resource: a join, so nothing of `doc` is lost. */
export function mergeSnapshot(doc: TaskDocument, snapshot: string): boolean {
  let other: TaskDocument;
  try {
    other = TaskDocument.fromSnapshot(snapshot);
  } catch {
    return false;
  }
  for (const { scope, resourceId } of other.resources()) doc.loadResource(scope, resourceId, other.snapshotResource(scope, resourceId));
  return true;
}
