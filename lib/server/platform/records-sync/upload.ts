import 'server-only';
import { lwwWinner, type RecordVersion } from '@/lib/shared/records-lww';
import { MAX_UPLOAD_CHANGES, syncChangeSchema, type SyncConflict, type SyncUploadInput, type SyncUploadResult } from '@/lib/shared/schemas/records-sync';
import { currentWriteSeq } from '@/lib/server/platform/changes';
import { writeChange, type WriteScope } from '@/lib/server/platform/changes';
import { getDb } from '@/lib/server/platform/db/client';
import { AppError, conflict, forbidden, type Issue } from '@/lib/server/platform/errors';
import { zodIssues } from '@/lib/server/platform/http/body';
import { exitIfFaultInjected } from './fault';
import { dataOf, scopesOf, syncEntityOf, type SyncEntity } from './registry';
import { findRow, findTwin, insertRow, recordOf, updateRow, versionOf, type SyncedRow } from './rows';

interface Change {
  index: number;
  entity: SyncEntity;
  id: string;
  incoming: RecordVersion;
}

interface Outcome {
  applied: string[];
  conflicts: SyncConflict[];
  wrote: boolean;
  /** Live versions written, with the server's row before them, for the domain checks at the end. */
  written: { change: Change; before: SyncedRow | undefined }[];
  /** `<entityType>:<id>` of every deletion in the batch, known or not to the server. */
  deletions: ReadonlySet<string>;
}

/** Thrown to roll back a batch that wrote nothing, so it neither moves ETags nor wakes devices. */
class NothingWritten extends Error {
  constructor(readonly outcome: Outcome) {
    super('nothing written');
  }
}

const label = (c: Change) => `changes[${c.index}] (${c.entity.type} ${c.id})`;

function invalid(index: number, message: string, issues: Issue[]): AppError {
  return new AppError(
    'validation_failed',
    `changes[${index}]: ${message}`,
    issues.map((i) => ({ ...i, path: ['changes', index, ...i.path] })),
  );
}

/** Checks one change's envelope and its data against its entity type's schema (400 naming the index). */
function parseChange(raw: unknown, index: number): Change {
  const envelope = syncChangeSchema.safeParse(raw);
  if (!envelope.success) {
    const issues = zodIssues(envelope.error);
    throw invalid(index, issues.map((i) => `${i.path.join('.') || 'change'}: ${i.message}`).join('; '), issues);
  }
  const { entityType, id, updatedAt, deleted } = envelope.data;
  const entity = syncEntityOf(entityType);
  if (deleted) return { index, entity, id, incoming: { updatedAt, deleted, data: null } };
  const data = entity.schema.safeParse(envelope.data.data ?? undefined);
  if (!data.success) {
    const issues = zodIssues(data.error).map((i) => ({ ...i, path: ['data', ...i.path] }));
    throw invalid(index, `${entityType} ${id}: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, issues);
  }
  return { index, entity, id, incoming: { updatedAt, deleted, data: data.data } };
}

function parseChanges(raw: unknown[]): Change[] {
  if (raw.length > MAX_UPLOAD_CHANGES) {
    throw new AppError('payload_too_large', `Send at most ${MAX_UPLOAD_CHANGES} changes per upload (got ${raw.length}); split the batch`);
  }
  const changes = raw.map(parseChange);
  const seen = new Map<string, number>();
  for (const c of changes) {
    const key = `${c.entity.type}:${c.id}`;
    const first = seen.get(key);
    if (first !== undefined)
      throw invalid(c.index, `repeats changes[${first}] (${key}); send each record once per upload`, [{ path: ['id'], message: 'Repeated record' }]);
    seen.set(key, c.index);
  }
  return changes;
}

/** Stores a version: a new row, or the existing one updated (its data kept when deleted). */
async function write(w: WriteScope, userId: string, c: Change, existing: SyncedRow | undefined, version: RecordVersion = c.incoming): Promise<SyncedRow> {
  const { updatedAt, deleted, data } = version;
  const meta = { updatedAt, deletedAt: deleted ? updatedAt : null, serverVersion: w.serverVersion };
  if (existing) return updateRow(w.tx, c.entity, userId, c.id, deleted ? meta : { ...data, ...meta });
  const row: SyncedRow = { ...data, id: c.id, userId, createdAt: updatedAt, ...meta };
  await insertRow(w.tx, c.entity, row);
  return row;
}

/** Whether the change's parent record (a reading session's book, a habit log's habit) is one the server holds as deleted. */
async function parentDeleted(w: WriteScope, userId: string, c: Change): Promise<boolean> {
  const row = await parentOf(w, c);
  return row !== undefined && row.userId === userId && row.deletedAt !== null;
}

/** The row the change's parent field names (any owner), or undefined when it names none the server has. */
async function parentOf(w: WriteScope, c: Change): Promise<SyncedRow | undefined> {
  const parent = c.entity.rules.parent;
  const parentId = parent ? c.incoming.data?.[parent.field] : undefined;
  if (!parent || typeof parentId !== 'string') return undefined;
  return findRow(w.tx, syncEntityOf(parent.entityType), parentId);
}

/** A written live version must name a parent of the caller's, as the web's verbs find it or answer 404. */
async function checkParent(w: WriteScope, userId: string, c: Change, out: Outcome): Promise<{ message: string; issues: Issue[] } | null> {
  const parent = c.entity.rules.parent;
  if (!parent) return null;
  // A parent made and deleted offline, never uploaded: its deletion in this batch took the child along.
  if (out.deletions.has(`${parent.entityType}:${String(c.incoming.data?.[parent.field])}`)) return null;
  const row = await parentOf(w, c);
  if (row && row.userId === userId) return null;
  const message = `${parent.field}: no ${parent.entityType} record ${String(c.incoming.data?.[parent.field])} of yours`;
  return { message, issues: [{ path: ['data', parent.field], message: `No ${parent.entityType} record of yours` }] };
}

/** Runs the domain's check of a written live version; a refusal comes back as issues relative to the change, with a message. */
async function checkRules(w: WriteScope, userId: string, c: Change, before: SyncedRow | undefined): Promise<{ message: string; issues: Issue[] } | null> {
  const check = c.entity.rules.check;
  if (!check) return null;
  try {
    await check.run(w, { userId }, c.incoming.data!, before ? dataOf(c.entity, before) : null, c.id);
    return null;
  } catch (err) {
    if (!(err instanceof AppError) || err.status !== 400) throw err;
    const issues = err.issues?.length ? err.issues : [{ path: [check.field], message: err.message }];
    return { message: `${check.field}: ${err.message}`, issues: issues.map((i) => ({ ...i, path: ['data', ...i.path] })) };
  }
}

/**
 * A live version of a record whose parent is deleted: a deleted book's reading session stays
 * deleted, as the web's delete left it (and as the web refuses to log one for a deleted book).
 * The server keeps a tombstone and tells the client, as for any change that lost.
 */
async function keepDeleted(w: WriteScope, userId: string, c: Change, existing: SyncedRow | undefined, out: Outcome): Promise<void> {
  let kept = existing;
  if (!kept) {
    // Another record already holds this one's natural key (the deleted habit's own log for that
    // day, now a tombstone): that one is the server's version, and a second row could not exist.
    const twin = await findTwin(w.tx, c.entity, userId, c.id, c.incoming.data!);
    if (twin) return void out.conflicts.push({ entityType: c.entity.type, id: c.id, server: recordOf(c.entity, twin) });
  }
  if (!kept || kept.deletedAt === null) {
    kept = await write(w, userId, c, kept, { ...c.incoming, deleted: true });
    out.wrote = true;
  }
  out.conflicts.push({ entityType: c.entity.type, id: c.id, server: recordOf(c.entity, kept) });
}

/** What the web's delete of this record does besides the row (a book's sessions, a habit's logs). */
async function cascadeDelete(w: WriteScope, userId: string, c: Change, out: Outcome): Promise<void> {
  const onDelete = c.entity.rules.onDelete;
  if (onDelete && (await onDelete(w, { userId }, c.id, c.incoming.updatedAt)) > 0) out.wrote = true;
}

/** The domain checks of every live version written, once the whole batch is: 400 naming the first change refused. */
async function checkWritten(w: WriteScope, userId: string, out: Outcome): Promise<void> {
  for (const { change: c, before } of out.written) {
    const refused = (await checkParent(w, userId, c, out)) ?? (await checkRules(w, userId, c, before));
    if (refused) throw invalid(c.index, `${c.entity.type} ${c.id}: ${refused.message}; nothing in this upload was applied`, refused.issues);
  }
}

/**
 * A new record that duplicates one the server already has under another id (a habit logged for
 * the same day on two offline devices): last write wins between the two, and the client is told
 * to keep the server's id (a conflict whose `server.id` differs from its own).
 */
async function mergeIntoTwin(w: WriteScope, userId: string, c: Change, twin: SyncedRow, out: Outcome): Promise<void> {
  let kept = twin;
  if (lwwWinner(versionOf(c.entity, twin), c.incoming) === 'incoming') {
    kept = await updateRow(w.tx, c.entity, userId, twin.id, {
      ...c.incoming.data,
      updatedAt: c.incoming.updatedAt,
      deletedAt: null,
      serverVersion: w.serverVersion,
    });
    out.wrote = true;
  }
  out.conflicts.push({ entityType: c.entity.type, id: c.id, server: recordOf(c.entity, kept) });
}

async function apply(w: WriteScope, userId: string, c: Change, out: Outcome): Promise<void> {
  const existing = await findRow(w.tx, c.entity, c.id);
  if (existing && existing.userId !== userId) {
    throw forbidden(`${label(c)} names a record of another account; nothing in this upload was applied`);
  }
  if (!existing) {
    // Created and deleted before it ever reached the server: nobody else has it, nothing to store
    // (but what the server has of its children goes, as if it had been deleted there).
    if (c.incoming.deleted) {
      await cascadeDelete(w, userId, c, out);
      return void out.applied.push(c.id);
    }
  } else {
    const winner = lwwWinner(versionOf(c.entity, existing), c.incoming);
    if (winner === 'same') return void out.applied.push(c.id);
    if (winner === 'current') return void out.conflicts.push({ entityType: c.entity.type, id: c.id, server: recordOf(c.entity, existing) });
  }
  if (!c.incoming.deleted && (await parentDeleted(w, userId, c))) return keepDeleted(w, userId, c, existing, out);
  if (!existing) {
    const twin = await findTwin(w.tx, c.entity, userId, c.id, c.incoming.data!);
    if (twin) return mergeIntoTwin(w, userId, c, twin, out);
  } else if (!c.incoming.deleted && (await findTwin(w.tx, c.entity, userId, c.id, c.incoming.data!))) {
    throw conflict(
      `${label(c)} would give it the ${c.entity.rules.naturalKey!.join(' and ')} of another ${c.entity.type} record; nothing in this upload was applied`,
    );
  }
  await write(w, userId, c, existing);
  if (c.incoming.deleted) await cascadeDelete(w, userId, c, out);
  else out.written.push({ change: c, before: existing });
  out.applied.push(c.id);
  out.wrote = true;
}

async function currentVersion(userId: string): Promise<number> {
  return await currentWriteSeq(getDb(), userId);
}

/**
 * POST /api/v1/sync/upload: last write wins per record on `updatedAt`. The whole batch is one
 * transaction through writeChange (one scope bump, one ChangeEvent, like a web edit); applied rows
 * are stamped with its server version and the client's `updatedAt`, and the owning domains' rules
 * (registry.ts) apply as on the web. Any bad change rejects all. The caller checked the device.
 */
export async function uploadChanges(ctx: { userId: string; deviceId: string }, input: SyncUploadInput): Promise<SyncUploadResult> {
  return applyUpload(ctx, parseChanges(input.changes));
}

async function applyUpload(ctx: { userId: string; deviceId: string }, changes: Change[]): Promise<SyncUploadResult> {
  if (changes.length === 0) return { serverCursor: await currentVersion(ctx.userId), applied: [], conflicts: [] };
  let result: SyncUploadResult;
  try {
    result = await writeChange(ctx, scopesOf(changes.map((c) => c.entity.type)), async (w) => {
      const deletions = new Set(changes.filter((c) => c.incoming.deleted).map((c) => `${c.entity.type}:${c.id}`));
      const out: Outcome = { applied: [], conflicts: [], wrote: false, written: [], deletions };
      for (const change of changes) await apply(w, ctx.userId, change, out);
      await checkWritten(w, ctx.userId, out);
      if (!out.wrote) throw new NothingWritten(out);
      return { serverCursor: w.serverVersion, applied: out.applied, conflicts: out.conflicts };
    });
  } catch (err) {
    if (!(err instanceof NothingWritten)) throw err;
    return { serverCursor: await currentVersion(ctx.userId), applied: err.outcome.applied, conflicts: err.outcome.conflicts };
  }
  exitIfFaultInjected();
  return result;
}
