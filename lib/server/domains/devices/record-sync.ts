import 'server-only';
import type { SyncDownloadQuery, SyncDownloadResult, SyncUploadInput, SyncUploadResult } from '@/lib/shared/schemas/records-sync';
import { downloadChanges } from '@/lib/server/platform/records-sync/download';
import { uploadChanges } from '@/lib/server/platform/records-sync/upload';
import { AppError } from '@/lib/server/platform/errors';
import { checkSyncDevice, markSyncDeviceSeen, redownloaded } from './devices';

// Native record sync as a device of the caller's does it (seed 002): the device must be theirs and
// registered, and is marked seen only once its request succeeded, so a refused request writes nothing.

/** POST /api/v1/sync/upload for one of the caller's devices. */
export async function uploadFromDevice(ctx: { userId: string; deviceId: string }, input: SyncUploadInput): Promise<SyncUploadResult> {
  // The device first: another account's device is a 403 whatever the changes hold.
  const device = await checkSyncDevice(ctx.userId, ctx.deviceId);
  const result = await uploadChanges(ctx, input);
  await markSyncDeviceSeen(ctx.userId, device);
  return result;
}

/** GET /api/v1/sync/download for one of the caller's devices. */
export async function downloadToDevice(ctx: { userId: string; deviceId: string }, query: SyncDownloadQuery): Promise<SyncDownloadResult> {
  const device = await checkSyncDevice(ctx.userId, ctx.deviceId);
  if (device.redownloadFrom !== null && query.since > 0) {
    throw new AppError('cursor_expired', 'This server was restored from a backup since your last download: download again from since=0');
  }
  const page = await downloadChanges(ctx.userId, query);
  await markSyncDeviceSeen(ctx.userId, device);
  if (query.since === 0) await redownloaded(ctx.userId, device);
  return page;
}
