import { lwwWinner } from '@/lib/shared/records-lww';
import { MAX_UPLOAD_CHANGES, type SyncChangeInput, type SyncConflict, type SyncDownloadChange } from '@/lib/shared/schemas/records-sync';
import type { SyncApi } from './api';
import type { LocalRecord, LocalStore, SyncWriter } from './store';

/** The server reads at most 1 MiB per request; stay under it with room for the envelope. */
const MAX_UPLOAD_BYTES = 900_000;

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
  downloaded: number;
  pages: number;
  cursor: number;
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

/** A downloaded record replaces the local one unless the local one is an unsent edit that wins LWW. */
async function applyDownloaded(w: SyncWriter, change: SyncDownloadChange): Promise<void> {
  const local = await w.get(change.entityType, change.id);
  if (local?.dirty && lwwWinner(local, change) === 'current') return;
  // A tombstone keeps the last data we had, so the record can be shown or brought back.
  const data = change.deleted ? (local?.data ?? null) : change.data;
  await w.put({ entityType: change.entityType, id: change.id, data, updatedAt: change.updatedAt, deleted: change.deleted, dirty: false });
}

async function applyConflict(w: SyncWriter, conflict: SyncConflict): Promise<void> {
  // A different id: our record duplicated one the server already had (habit_logs: same habit and day).
  if (conflict.server.id !== conflict.id) await w.remove(conflict.entityType, conflict.id);
  const local = await w.get(conflict.server.entityType, conflict.server.id);
  const { server } = conflict;
  const data = server.deleted ? (local?.data ?? null) : server.data;
  await w.put({ entityType: server.entityType, id: server.id, data, updatedAt: server.updatedAt, deleted: server.deleted, dirty: false });
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

  const dirty = await store.dirtyRecords();
  const sent: SyncChangeInput[] = [];
  const applied: SyncChangeInput[] = [];
  const conflicts: SyncConflict[] = [];
  for (const batch of batches(dirty)) {
    const result = await api.upload(state.deviceId, batch, state.cursor);
    const ok = new Set(result.applied);
    applied.push(...batch.filter((c) => ok.has(c.id)));
    conflicts.push(...result.conflicts);
    sent.push(...batch);
    report({ phase: 'upload', done: sent.length, total: dirty.length });
  }

  const downloaded: SyncDownloadChange[] = [];
  let cursor = state.cursor;
  let pages = 0;
  for (let more = true; more; ) {
    const page = await api.download(state.deviceId, cursor, options.limit);
    downloaded.push(...page.changes);
    more = page.hasMore;
    pages += 1;
    report({ phase: 'download', done: page.serverCursor - state.cursor, total: Math.max(1, page.latestCursor - state.cursor) });
    cursor = page.serverCursor;
  }

  const now = (options.now ?? Date.now)();
  const summary: SyncSummary = { uploaded: sent.length, applied: applied.length, conflicts, downloaded: downloaded.length, pages, cursor };
  await store.inTransaction(async (w) => {
    for (const c of applied) await w.markClean(c.entityType, c.id, c.updatedAt);
    for (const c of conflicts) await applyConflict(w, c);
    for (const change of downloaded) await applyDownloaded(w, change);
    await w.saveCursor(cursor, now, `uploaded ${summary.uploaded} (${conflicts.length} conflicts), downloaded ${summary.downloaded}`);
  });
  return summary;
}
