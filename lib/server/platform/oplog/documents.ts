import 'server-only';
import { processSingleton } from '@/lib/server/platform/process';
import type { OpEnvelope, TaskDocument } from '@/lib/shared/crdt';
import type { Db, Tx } from '@/lib/server/platform/db/client';
import { floorSeq, opsAfter, type LogBounds } from './log';
import { materialise } from './state';

interface Cached {
  doc: TaskDocument;
  upto: number;
}

const MAX_CACHED_USERS = 200;
const slot = processSingleton('task-documents', (): { taskDocs?: Map<string, Cached> } => ({}));

function cache(): Map<string, Cached> {
  slot.taskDocs ??= new Map();
  return slot.taskDocs;
}

/**
 * The user's materialised tasks, kept per process and caught up from the log on every use, so a
 * push pays for its own ops only. Other nodes' writes arrive through the same catch-up read.
 */
export async function currentDocument(db: Db | Tx, userId: string): Promise<TaskDocument> {
  return (await caughtUp(db, userId)).doc;
}

/**
 * The cached copy itself, caught up: what `appendToDocument` takes back. `bounds`: the log's floor
 * and head when the caller has just read them (in its transaction); a copy already at the head then
 * needs no catch-up read.
 */
export async function caughtUp(db: Db | Tx, userId: string, bounds?: Pick<LogBounds, 'floor' | 'head'>): Promise<Readonly<Cached>> {
  const docs = cache();
  let entry = docs.get(userId);
  // Another node's compaction may have pruned ops this copy has not applied yet: start over then.
  if (entry && (bounds?.floor ?? (await floorSeq(db, userId))) > entry.upto) entry = undefined;
  if (!entry) {
    entry = await materialise(db, userId);
  } else if (!bounds || bounds.head > entry.upto) {
    const newer = await opsAfter(db, userId, entry.upto);
    entry.doc.applyAll(newer);
    if (newer.length) entry.upto = newer[newer.length - 1].serverSeq;
  }
  docs.delete(userId);
  docs.set(userId, entry);
  if (docs.size > MAX_CACHED_USERS) docs.delete(docs.keys().next().value!);
  return { ...entry };
}

/**
 * A push's own ops, numbered up to `upto`, applied to the copy `seen` (from `caughtUp` inside the
 * same write transaction) without reading them back: the transaction holds the write lock, so they
 * are all that landed since. If the copy moved meanwhile (a concurrent reader replaced or rewound
 * it), it is dropped (false) and rebuilt on next use. A failed transaction must `forgetDocument` after.
 */
export function appendToDocument(userId: string, seen: Readonly<Cached>, ops: readonly OpEnvelope[], upto: number): boolean {
  const entry = cache().get(userId);
  if (!entry || entry.doc !== seen.doc || entry.upto !== seen.upto) {
    forgetDocument(userId);
    return false;
  }
  entry.doc.applyAll(ops);
  entry.upto = Math.max(entry.upto, upto);
  return true;
}

/** A failed transaction may have left uncommitted ops in the cached document: rebuild next time. */
export function forgetDocument(userId: string): void {
  cache().delete(userId);
}
