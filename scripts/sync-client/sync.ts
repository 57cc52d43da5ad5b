import { lwwWinner } from '@/lib/shared/records-lww';
import { MAX_UPLOAD_CHANGES, type SyncChangeInput, type SyncConflict, type SyncDownloadChange } from '@/lib/shared/schemas/records-sync';
import { ServerError, type SyncApi } from './api';
import type { LocalRecord, LocalStore, SetAsideChange, SyncWriter } from './store';

/** The server reads at most 1 MiB per request; stay under it with room for the envelope. */
const MAX_UPLOAD_BYTES = 900_000;
/** Answers that refuse one change of an upload and name it (`changes[i]`); the rest of the batch is fine. */
const REFUSING_ONE_CHANGE = new Set([400, 403, 409]);

export interface SyncProgress {
  phase: 'upload' | 'download';
  done: number;
  total: number;
}

export interface SyncOptions {
  /** Download page size (the server's default when left out). */
  limit?: number;
  onProgress?: (p: SyncProgress) => void;
  now?: () => number;
}

export interface SyncSummary {
  uploaded: number;
  applied: number;
  /** Local changes that lost to the server's version (which replaced them locally). */
  conflicts: SyncConflict[];
  /** Local changes the server refused: kept locally, not uploaded again until edited. */
  setAside: SetAsideChange[];
  downloaded: number;
  pages: number;
  cursor: number;
  /** The server no longer knew the cursor (410): everything was downloaded again from 0. */
  restarted: boolean;
  /** After a restart, local records the server no longer had: queued for the next upload. */
  requeued: number;
}

function toChange(r: LocalRecord): SyncChangeInput {
  return { entityType: r.entityType, id: r.id, data: r.deleted ? null : r.data, updatedAt: r.updatedAt, deleted: r.deleted };
}

/** Splits the dirty records into uploads the server accepts: at most 500 changes and ~900 kB each. */
function batches(records: LocalRecord[]): SyncChangeInput[][] {
  const out: SyncChangeInput[][] = [];
  let current: SyncChangeInput[] = [];
  let bytes = 0;
  for (const change of records.map(toChange)) {
    const size = JSON.stringify(change).length + 1;
    if (current.length > 0 && (current.length === MAX_UPLOAD_CHANGES || bytes + size > MAX_UPLOAD_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(change);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Which change of the batch an error refuses, when it refuses exactly one (`changes[i]` in its issues or message). */
function refusedIndex(err: unknown, size: number): number | null {
  if (!(err instanceof ServerError) || !REFUSING_ONE_CHANGE.has(err.status)) return null;
  const [first] = err.issues;
  const fromPath = first?.path[0] === 'changes' ? first.path[1] : undefined;
  const index = typeof fromPath === 'number' ? fromPath : Number(/changes\[(\d+)\]/.exec(err.message)?.[1] ?? NaN);
  return Number.isInteger(index) && index >= 0 && index < size ? index : null;
}

/**
 * A downloaded record replaces the local one unless the local one is an unsent edit that wins LWW.
 * After a restart (`reconcile`) the server may be older than this client (restored from a backup),
 * so a newer local version wins there too and goes back up.
 */
async function applyDownloaded(w: SyncWriter, change: SyncDownloadChange, reconcile: boolean): Promise<void> {
  const local = await w.get(change.entityType, change.id);
  if (local && (local.dirty || reconcile) && lwwWinner(local, change) === 'current') {
    if (!local.dirty)
      await w.put({ entityType: local.entityType, id: local.id, data: local.data, updatedAt: local.updatedAt, deleted: local.deleted, dirty: true });
    return;
  }
  // A tombstone keeps the last data we had, so the record can be shown or brought back.
  const data = change.deleted ? (local?.data ?? null) : change.data;
  await w.put({
    entityType: change.entityType,
    id: change.id,
    data,
    updatedAt: change.updatedAt,
    deleted: change.deleted,
    serverVersion: change.serverVersion,
    dirty: false,
  });
}

async function applyConflict(w: SyncWriter, conflict: SyncConflict): Promise<void> {
  // A different id: our record duplicated one the server already had (habit_logs: same habit and day).
  if (conflict.server.id !== conflict.id) await w.remove(conflict.entityType, conflict.id);
  const local = await w.get(conflict.server.entityType, conflict.server.id);
  const { server } = conflict;
  const data = server.deleted ? (local?.data ?? null) : server.data;
  await w.put({ entityType: server.entityType, id: server.id, data, updatedAt: server.updatedAt, deleted: server.deleted, dirty: false });
}

interface Uploaded {
  sent: number;
  applied: SyncChangeInput[];
  conflicts: SyncConflict[];
  setAside: SetAsideChange[];
}

/** Uploads every dirty record; a change the server refuses is set aside and the rest of its batch sent again. */
async function upload(api: SyncApi, deviceId: string, cursor: number, dirty: LocalRecord[], now: number, report: (p: SyncProgress) => void): Promise<Uploaded> {
  const out: Uploaded = { sent: 0, applied: [], conflicts: [], setAside: [] };
  for (const batch of batches(dirty)) {
    let pending = batch;
    while (pending.length > 0) {
      try {
        const result = await api.upload(deviceId, pending, cursor);
        const ok = new Set(result.applied);
        out.applied.push(...pending.filter((c) => ok.has(c.id)));
        out.conflicts.push(...result.conflicts);
        break;
      } catch (err) {
        const index = refusedIndex(err, pending.length);
        if (index === null) throw err;
        const { status, code, message } = err as ServerError;
        const refused = pending[index];
        out.setAside.push({ entityType: refused.entityType, id: refused.id, updatedAt: refused.updatedAt, status, code, message, at: now });
        pending = pending.filter((_, i) => i !== index);
      }
    }
    out.sent += batch.length;
    report({ phase: 'upload', done: out.sent, total: dirty.length });
  }
  return out;
}

interface Downloaded {
  changes: SyncDownloadChange[];
  pages: number;
  cursor: number;
  restarted: boolean;
}

/** Every page after the cursor; a cursor the server no longer knows (410) starts over from 0, once. */
async function download(api: SyncApi, deviceId: string, since: number, limit: number | undefined, report: (p: SyncProgress) => void): Promise<Downloaded> {
  const out: Downloaded = { changes: [], pages: 0, cursor: since, restarted: false };
  for (let more = true; more;) {
    let page;
    try {
      page = await api.download(deviceId, out.cursor, limit);
    } catch (err) {
      if (!(err instanceof ServerError && err.status === 410 && !out.restarted)) throw err;
      Object.assign(out, { changes: [], pages: 0, cursor: 0, restarted: true });
      since = 0;
      continue;
    }
    out.changes.push(...page.changes);
    more = page.hasMore;
    out.pages += 1;
    report({ phase: 'download', done: page.serverCursor - since, total: Math.max(1, page.latestCursor - since) });
    out.cursor = page.serverCursor;
  }
  return out;
}

/**
 * One sync: upload every dirty record, download everything after the cursor, then apply the
 * answers and the new cursor in ONE local transaction. Until that commit nothing local changes,
 * so a failure anywhere leaves the database exactly as it was and the sync can simply be retried
 * (the server acknowledges changes it already holds without writing them again).
 */
export async function syncOnce(store: LocalStore, api: SyncApi, options: SyncOptions = {}): Promise<SyncSummary> {
  const state = await store.state();
  if (!state) throw new Error('Not configured: run `configure --server URL --api-key KEY --device-label LABEL` first');
  const report = options.onProgress ?? (() => {});
  const now = options.now ?? Date.now;

  const dirty = await store.dirtyRecords();
  const up = await upload(api, state.deviceId, state.cursor, dirty, now(), report);
  const down = await download(api, state.deviceId, state.cursor, options.limit, report);

  return store.inTransaction(async (w) => {
    // Set aside first: a downloaded or conflicting version that replaces the record clears it.
    for (const c of up.setAside) await w.setAside(c);
    for (const c of up.applied) await w.markClean(c.entityType, c.id, c.updatedAt);
    for (const c of up.conflicts) await applyConflict(w, c);
    for (const change of down.changes) await applyDownloaded(w, change, down.restarted);
    const requeued = down.restarted ? await w.requeueMissing(new Set(down.changes.map((c) => `${c.entityType}/${c.id}`))) : 0;
    const summary: SyncSummary = {
      uploaded: up.sent,
      applied: up.applied.length,
      conflicts: up.conflicts,
      setAside: up.setAside,
      downloaded: down.changes.length,
      pages: down.pages,
      cursor: down.cursor,
      restarted: down.restarted,
      requeued,
    };
    const notes = [up.setAside.length ? `${up.setAside.length} set aside` : '', down.restarted ? `restarted from 0, ${requeued} requeued` : ''].filter(Boolean);
    await w.saveCursor(
      down.cursor,
      now(),
      `uploaded ${summary.uploaded} (${up.conflicts.length} conflicts), downloaded ${summary.downloaded}${notes.length ? `; ${notes.join('; ')}` : ''}`,
    );
    return summary;
  });
}
