import 'server-only';
import { read } from '@/lib/server/platform/http/read';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, lt, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import type { ConnectedDevice } from '@/lib/shared/realtime';
import type { DeviceCreateInput, DeviceList, DevicePatchInput, DeviceRemoved, DeviceView } from '@/lib/shared/schemas/native';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { ownRowOrThrow } from '@/lib/server/platform/db/owned';
import { getDb, type Db, type Tx } from '@/lib/server/platform/db/client';
import { devices } from './schema';
import { TOUCH_EVERY_MS } from '@/lib/server/platform/db/columns';
import { forbidden, notFound } from '@/lib/server/platform/errors';
import { getPresence, UNKNOWN_DEVICE_LABEL } from '@/lib/server/platform/realtime/presence';
import { endedHint } from '@/lib/server/platform/realtime/revocation';

type DeviceRow = typeof devices.$inferSelect;

const isUuid = (id: string) => z.guid().safeParse(id).success;

function toView(row: DeviceRow, connected: ReadonlySet<string>): DeviceView {
  return {
    id: row.id,
    label: row.label,
    platform: row.platform,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastSeenAt: row.lastSeenAt,
    connected: connected.has(row.id),
  };
}

/** Devices with a realtime stream on any node (the presence store). */
async function connectedIds(userId: string): Promise<Set<string>> {
  return new Set((await getPresence().devices(userId)).map((d) => d.deviceId));
}

async function getDeviceOrThrow(db: Db | Tx, ctx: ServiceContext, id: string): Promise<DeviceRow> {
  if (!isUuid(id)) throw notFound('Device');
  return ownRowOrThrow(db, ctx, devices, and(eq(devices.id, id), isNull(devices.deletedAt)), 'Device');
}

/** What the devices list's ETag depends on besides the `devices` scope: who is connected now, and the minute (last seen). */
export function devicesFreshnessKey(userId: string, now = Date.now()): string {
  return `${Math.floor(now / TOUCH_EVERY_MS)}|${getPresence().freshnessKey(userId, now)}`;
}

/**
 * Seed 003's `deviceName` of a timer: the device's registered label, else the label its realtime
 * stream announced (`live`, read by the caller outside any write transaction), else null.
 */
export async function deviceNameOf(db: Db | Tx, userId: string, deviceId: string | null, live: readonly ConnectedDevice[]): Promise<string | null> {
  if (!deviceId) return null;
  if (isUuid(deviceId)) {
    const row = await db
      .select({ label: devices.label })
      .from(devices)
      .where(and(eq(devices.id, deviceId), eq(devices.userId, userId), isNull(devices.deletedAt)))
      .get();
    if (row) return row.label;
  }
  const label = live.find((d) => d.deviceId === deviceId)?.label;
  return label && label !== UNKNOWN_DEVICE_LABEL ? label : null;
}

/** A removed device may not open a realtime stream again until it registers anew. */
export async function checkStreamDevice(userId: string, deviceId: string): Promise<void> {
  if (!isUuid(deviceId)) return;
  const row = await getDb()
    .select({ deletedAt: devices.deletedAt })
    .from(devices)
    .where(and(eq(devices.id, deviceId), eq(devices.userId, userId)))
    .get();
  if (row && row.deletedAt !== null) throw notFound('Device (it was removed; register it again with POST /api/devices)');
}

export async function registerDevice(ctx: ServiceContext, input: DeviceCreateInput): Promise<DeviceView> {
  const row = await writeChange(ctx, ['devices'], async (w) => {
    const [inserted] = await w.tx
      .insert(devices)
      .values({ id: randomUUID(), userId: ctx.userId, label: input.label, platform: input.platform, createdAt: w.now, updatedAt: w.now, lastSeenAt: w.now })
      .returning();
    return inserted;
  });
  return toView(row, await connectedIds(ctx.userId));
}

/** The user's devices (oldest first) and the realtime streams of unregistered ones. */
export const listDevices = read<DeviceList>(
  (ctx) => ({ scopes: ['devices'], key: devicesFreshnessKey(ctx.userId) }),
  async (ctx) => {
    const rows = await getDb()
      .select()
      .from(devices)
      .where(and(eq(devices.userId, ctx.userId), isNull(devices.deletedAt)))
      .orderBy(asc(devices.createdAt), asc(devices.id));
    const live = await getPresence().devices(ctx.userId);
    const connected = new Set(live.map((d) => d.deviceId));
    const registered = new Set(rows.map((r) => r.id));
    return { devices: rows.map((r) => toView(r, connected)), otherConnections: live.filter((d) => !registered.has(d.deviceId)) };
  },
);

export async function renameDevice(ctx: ServiceContext, id: string, patch: DevicePatchInput): Promise<DeviceView> {
  const row = await writeChange(ctx, ['devices'], async (w) => {
    const current = await getDeviceOrThrow(w.tx, ctx, id);
    if (current.label === patch.label) return current;
    const [renamed] = await w.tx
      .update(devices)
      .set({ label: patch.label, updatedAt: w.now })
      .where(and(eq(devices.id, id), eq(devices.userId, ctx.userId)))
      .returning();
    return renamed;
  });
  return toView(row, await connectedIds(ctx.userId));
}

/**
 * Removes a device (soft delete): its sync requests and realtime streams are refused from now on,
 * until it registers again; its open streams close on every node.
 */
export async function removeDevice(ctx: ServiceContext, id: string): Promise<DeviceRemoved> {
  return writeChange(ctx, ['devices'], async (w) => {
    await getDeviceOrThrow(w.tx, ctx, id);
    await w.tx
      .update(devices)
      .set({ deletedAt: w.now, updatedAt: w.now })
      .where(and(eq(devices.id, id), eq(devices.userId, ctx.userId)));
    w.hints.sessionEnded = endedHint({ kind: 'device', id });
    return { id, deletedAt: w.now };
  });
}

/** A record-sync request's device, checked to be the caller's: what markSyncDeviceSeen needs. */
export interface SyncDevice {
  id: string;
  lastSeenAt: number | null;
  /** A backup was restored since the device last downloaded from 0 (`requireRedownload`). */
  redownloadFrom: number | null;
}

/**
 * The device a record-sync request names must be one of the caller's: another user's is a 403,
 * an unknown or removed one a 404. Reads only: the request marks it seen once it has succeeded.
 */
export async function checkSyncDevice(userId: string, deviceId: string): Promise<SyncDevice> {
  const row = isUuid(deviceId)
    ? await getDb()
        .select({ userId: devices.userId, deletedAt: devices.deletedAt, lastSeenAt: devices.lastSeenAt, redownloadFrom: devices.redownloadFrom })
        .from(devices)
        .where(eq(devices.id, deviceId))
        .get()
    : undefined;
  if (!row || (row.userId === userId && row.deletedAt !== null)) throw notFound('Device (register it with POST /api/devices)');
  if (row.userId !== userId) throw forbidden('This device belongs to another account');
  return { id: deviceId, lastSeenAt: row.lastSeenAt, redownloadFrom: row.redownloadFrom };
}

/**
 * After a backup is restored, every device's download cursor may be ahead of the restored records:
 * each must download again from 0 (its next download from a later cursor gets 410). Returns how many.
 */
export async function requireRedownload(now = Date.now()): Promise<number> {
  return getDb().transaction(async (tx) => {
    const rows = await tx.update(devices).set({ redownloadFrom: now }).where(isNull(devices.deletedAt)).returning({ id: devices.id });
    return rows.length;
  });
}

/** A device's full download (since 0) succeeded: its cursors are good again. */
export async function redownloaded(userId: string, device: SyncDevice): Promise<void> {
  if (device.redownloadFrom === null) return;
  await getDb().transaction(async (tx) => {
    await tx
      .update(devices)
      .set({ redownloadFrom: null })
      .where(and(eq(devices.id, device.id), eq(devices.userId, userId), lte(devices.redownloadFrom, device.redownloadFrom!)));
  });
}

/**
 * Marks a device seen after a sync request of its succeeded (at most once a minute, and not
 * through writeChange: being seen is not a change of the user's data and must not wake their other
 * devices). A refused request changes nothing, not even this.
 */
export async function markSyncDeviceSeen(userId: string, device: SyncDevice): Promise<void> {
  const now = Date.now();
  if (device.lastSeenAt !== null && device.lastSeenAt > now - TOUCH_EVERY_MS) return;
  await getDb().transaction(async (tx) => {
    await tx
      .update(devices)
      .set({ lastSeenAt: now })
      .where(and(eq(devices.id, device.id), eq(devices.userId, userId), or(isNull(devices.lastSeenAt), lt(devices.lastSeenAt, now - TOUCH_EVERY_MS + 1))));
  });
}
