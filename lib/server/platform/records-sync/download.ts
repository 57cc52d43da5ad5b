import 'server-only';
import type { SyncDownloadChange, SyncDownloadQuery, SyncDownloadResult } from '@/lib/shared/schemas/records-sync';
import { currentWriteSeq } from '@/lib/server/platform/changes';
import { getDb } from '@/lib/server/platform/db/client';
import { AppError } from '@/lib/server/platform/errors';
import { syncEntities } from './registry';
import { downloadChangeOf, rowsInRange } from './rows';

const byVersion = (a: SyncDownloadChange, b: SyncDownloadChange) =>
  a.serverVersion - b.serverVersion || (a.entityType < b.entityType ? -1 : a.entityType > b.entityType ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

async function changesIn(userId: string, range: Parameters<typeof rowsInRange>[3], limit?: number): Promise<SyncDownloadChange[]> {
  const perTable = await Promise.all(syncEntities().map(async (e) => (await rowsInRange(getDb(), e, userId, range, limit)).map((r) => downloadChangeOf(e, r))));
  return perTable.flat().sort(byVersion);
}

/**
 * The next page of the caller's records changed after `since`, across every synced table in
 * server_version order. One write's rows share a version and a cursor cannot point inside it,
 * so a page ends between two versions: short of `limit`, or over it when one write is larger.
 * The caller checked the device.
 */
export async function downloadChanges(userId: string, query: SyncDownloadQuery): Promise<SyncDownloadResult> {
  // Read before the rows, which are read up to it only: every write numbered up to `latest` has
  // committed, so no page can hold part of a write that is still committing (the tables are read
  // one by one), and when nothing is left the cursor may jump to `latest` without skipping anything.
  const latest = await currentWriteSeq(getDb(), userId);
  if (query.since > latest) {
    throw new AppError(
      'cursor_expired',
      `The cursor ${query.since} is ahead of this server (${latest}); its data was restored or reset: download again from since=0`,
    );
  }
  const { since, limit } = query;
  const found = await changesIn(userId, { after: since, upTo: latest }, limit + 1);
  if (found.length <= limit) {
    return { serverCursor: latest, latestCursor: latest, changes: found, hasMore: false };
  }
  const boundary = found[limit].serverVersion;
  let changes = found.slice(0, limit).filter((c) => c.serverVersion < boundary);
  if (changes.length === 0) {
    // One write with more rows than the limit: send it whole.
    changes = await changesIn(userId, { at: boundary });
  }
  return { serverCursor: changes.at(-1)!.serverVersion, latestCursor: latest, changes, hasMore: true };
}
