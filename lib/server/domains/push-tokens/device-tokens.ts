import 'server-only';
import { read } from '@/lib/server/platform/http/read';
import { processSingleton } from '@/lib/server/platform/process';
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import {
  ADMIN_DEVICE_TOKENS_LIMIT,
  type AdminDeviceTokenList,
  type AdminDeviceTokensQuery,
  type DeviceTokenList,
  type DeviceTokenPlatform,
  type DeviceTokenRegisterInput,
  type DeviceTokenView,
} from '@/lib/shared/schemas/device-tokens';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { ownRowOrThrow } from '@/lib/server/platform/db/owned';
import { config } from '@/lib/server/platform/config';
import { getDb, type Tx } from '@/lib/server/platform/db/client';
import { deviceTokens } from './schema';
import { users } from '@/lib/server/platform/auth/schema';
import type { ActiveDeviceToken, PushRecord, PushTokenStore } from '@/lib/server/platform/push/tokens';

type DeviceTokenRow = typeof deviceTokens.$inferSelect;

// device_tokens has no device column and the schema is frozen for this change, so the token → device
// link lives in this process only (process.ts). After a
// restart, or on another node, a change pushes to its own device too — a redundant wake, nothing lost.
const slot = processSingleton('token-devices', (): { tokenDevices?: Map<string, { userId: string; deviceId: string }> } => ({}));
const deviceLinks = () => (slot.tokenDevices ??= new Map());

function linkDevice(token: string, userId: string, deviceId: string | null): void {
  if (deviceId) deviceLinks().set(token, { userId, deviceId });
  else deviceLinks().delete(token);
}

function linkedDevice(token: string, userId: string): string | null {
  const link = deviceLinks().get(token);
  return link && link.userId === userId ? link.deviceId : null;
}

const shorten = (token: string) => `${token.slice(0, 8)}…${token.slice(-4)}`;

function toView(row: DeviceTokenRow): DeviceTokenView {
  return {
    id: row.id,
    token: shorten(row.token),
    platform: row.platform,
    environment: row.environment,
    state: row.disabledAt === null ? 'active' : 'disabled',
    disabledAt: row.disabledAt,
    disabledReason: row.disabledReason,
    registeredAt: row.registeredAt,
    lastPushAt: row.lastPushAt,
    lastOutcome: row.lastOutcome,
    lastError: row.lastError,
    pushCount: row.pushCount,
  };
}

const getOwnTokenOrThrow = (tx: Tx, ctx: ServiceContext, token: string): Promise<DeviceTokenRow> =>
  ownRowOrThrow(tx, ctx, deviceTokens, eq(deviceTokens.token, token), 'Device token');

/**
 * Registers a token for the caller. A token belongs to whoever registered it last: an existing one
 * is re-enabled, its registration time renewed, and moved to the caller if another user had it.
 */
export async function registerDeviceToken(ctx: ServiceContext, input: DeviceTokenRegisterInput): Promise<DeviceTokenView> {
  const environment = input.environment ?? config().APNS_ENV;
  const row = await writeChange(ctx, ['devices'], async ({ tx, now, alsoChanged }) => {
    const existing = await tx.select().from(deviceTokens).where(eq(deviceTokens.token, input.token)).get();
    if (!existing) {
      const [created] = await tx
        .insert(deviceTokens)
        .values({
          id: randomUUID(),
          userId: ctx.userId,
          token: input.token,
          platform: input.platform,
          environment,
          createdAt: now,
          updatedAt: now,
          registeredAt: now,
        })
        .returning();
      return created;
    }
    const moved = existing.userId !== ctx.userId;
    // The previous owner's list changed too: its GET ETag must move.
    if (moved) await alsoChanged(existing.userId, ['devices']);
    const history = moved ? { lastPushAt: null, lastOutcome: null, lastError: null, pushCount: 0 } : {};
    const [updated] = await tx
      .update(deviceTokens)
      .set({ userId: ctx.userId, platform: input.platform, environment, updatedAt: now, registeredAt: now, disabledAt: null, disabledReason: null, ...history })
      .where(eq(deviceTokens.id, existing.id))
      .returning();
    return updated;
  });
  linkDevice(row.token, ctx.userId, input.deviceId ?? ctx.deviceId ?? null);
  return toView(row);
}

/** Disables one of the caller's tokens (another user's token is not found). Disabling twice keeps the first time. */
export async function disableDeviceToken(ctx: ServiceContext, token: string): Promise<DeviceTokenView> {
  const row = await writeChange(ctx, ['devices'], async ({ tx, now }) => {
    const own = await getOwnTokenOrThrow(tx, ctx, token);
    if (own.disabledAt !== null) return own;
    const [updated] = await tx
      .update(deviceTokens)
      .set({ disabledAt: now, disabledReason: 'user', updatedAt: now })
      .where(and(eq(deviceTokens.id, own.id), eq(deviceTokens.userId, ctx.userId)))
      .returning();
    return updated;
  });
  linkDevice(row.token, ctx.userId, null);
  return toView(row);
}

/** The caller's tokens, newest registration first, with their push state. */
export const listDeviceTokens = read<DeviceTokenList>({ scopes: ['devices'] }, async (ctx) => {
  const rows = await getDb().select().from(deviceTokens).where(eq(deviceTokens.userId, ctx.userId)).orderBy(desc(deviceTokens.registeredAt));
  return { tokens: rows.map(toView) };
});

/**
 * Every user's tokens for the admin page (routes use `auth: 'admin'`), the most recently changed
 * first — a push outcome counts as a change, so failing tokens rise to the top — with the
 * server-wide active/disabled counts.
 */
export async function listDeviceTokensForAdmin(query: AdminDeviceTokensQuery): Promise<AdminDeviceTokenList> {
  const db = getDb();
  const where = query.state === 'active' ? isNull(deviceTokens.disabledAt) : query.state === 'disabled' ? isNotNull(deviceTokens.disabledAt) : undefined;
  const [rows, states] = await Promise.all([
    db
      .select({ token: deviceTokens, userEmail: users.email })
      .from(deviceTokens)
      .innerJoin(users, eq(users.id, deviceTokens.userId))
      .where(where)
      .orderBy(desc(deviceTokens.updatedAt), desc(deviceTokens.id))
      .limit(ADMIN_DEVICE_TOKENS_LIMIT),
    db
      .select({ disabled: sql<number>`${deviceTokens.disabledAt} is not null`, n: count() })
      .from(deviceTokens)
      .groupBy(sql`${deviceTokens.disabledAt} is not null`),
  ]);
  const counts = { active: 0, disabled: 0 };
  for (const s of states) counts[s.disabled ? 'disabled' : 'active'] = s.n;
  return { tokens: rows.map((r) => ({ ...toView(r.token), userId: r.token.userId, userEmail: r.userEmail })), counts };
}

/** The user's tokens that may be pushed to, optionally of one platform. */
export async function listActive(userId: string, platform?: DeviceTokenPlatform): Promise<ActiveDeviceToken[]> {
  const rows = await getDb()
    .select()
    .from(deviceTokens)
    .where(and(eq(deviceTokens.userId, userId), isNull(deviceTokens.disabledAt), platform ? eq(deviceTokens.platform, platform) : undefined));
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    token: r.token,
    platform: r.platform,
    environment: r.environment,
    registeredAt: r.registeredAt,
    deviceId: linkedDevice(r.token, r.userId),
  }));
}

/**
 * Writes push outcomes on the user's token rows in one change. Rows are matched by id *and* owner,
 * so a token that moved to another user meanwhile keeps its new owner's state.
 */
export async function recordPushOutcomes(userId: string, records: readonly PushRecord[]): Promise<void> {
  if (records.length === 0) return;
  await writeChange({ userId }, ['devices'], async ({ tx }) => {
    for (const r of records) {
      const own = and(eq(deviceTokens.id, r.tokenId), eq(deviceTokens.userId, userId));
      const attempt = r.attempted ? { lastPushAt: r.at, pushCount: sql`${deviceTokens.pushCount} + 1` } : {};
      await tx
        .update(deviceTokens)
        .set({ lastOutcome: r.outcome, lastError: r.error, updatedAt: r.at, ...attempt })
        .where(own);
      if (!r.disable) continue;
      await tx
        .update(deviceTokens)
        .set({ disabledAt: r.at, disabledReason: r.disable.reason })
        .where(and(own, isNull(deviceTokens.disabledAt), lt(deviceTokens.registeredAt, r.disable.registeredBefore)));
    }
  });
}

/** The tokens as the push transport sees them (registered at start-up). */
export const pushTokenStore: PushTokenStore = { listActive, recordOutcomes: recordPushOutcomes };
