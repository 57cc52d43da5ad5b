import { TaskDocument } from '@/lib/shared/crdt';
import { readOps, type ReadOps } from '@/lib/shared/crdt/check';
import type { TaskStore } from './store';

/** Ops from another tab: tabs of an older and a newer build can share one channel, so apply what this build reads and keep the rest. */
export function readTabOps(raw: unknown): ReadOps {
  return readOps(Array.isArray(raw) ? raw : []);
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
  doc.take({ ops: [], kept: other.kept() });
  return true;
}

/**
 * This tab's replica from what the browser keeps: the stored snapshot (or an empty document when this
 * build cannot read it; bootstrapping follows), with every outbox op on top.
 */
export async function loadReplica(store: TaskStore, tabId: string, newId: () => string): Promise<{ doc: TaskDocument; clientId: string }> {
  const clientId = await store.clientId();
  // Tabs share the client id but not a replica: with one actor, two tabs could stamp two
  // different ops with the same (actor, clock), which the server dedupes into one.
  const options = { actor: `${clientId}-${tabId}`, newId };
  const persisted = await store.loadState();
  let doc = new TaskDocument(options);
  if (persisted) {
    try {
      doc = TaskDocument.fromSnapshot(persisted.snapshot, options);
    } catch {
      // A snapshot this build cannot read: start empty and bootstrap; the outbox still applies.
    }
  }
  doc.applyAll((await store.outbox()).map((e) => e.op));
  return { doc, clientId };
}
