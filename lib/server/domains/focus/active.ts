import 'server-only';
import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { DEFAULT_GRACE_MINUTES, type FocusActive, type FocusSessionRecord, type FocusSessionView } from '@/lib/shared/focus';
import type { ConnectedDevice } from '@/lib/shared/realtime';
import { type ServiceContext, type WriteScope } from '@/lib/server/platform/changes';
import { ownedRecords } from '@/lib/server/platform/db/owned';
import type { Db, Tx } from '@/lib/server/platform/db/client';
import { notFound } from '@/lib/server/platform/errors';
import { getPresence } from '@/lib/server/platform/realtime/presence';
import { deviceNameOf } from '@/lib/server/domains/devices/devices';
import { focusSessions, focusSessionTiming, type FocusSessionRow, type FocusSessionTimingRow } from './schema';
import { timerEventPayload } from './timer-payload';

// The session row and its timing, read together: what every verb of the timer starts from.

export const ACTIVE = ['running', 'paused'] as const;
export const ENDED = ['completed', 'abandoned'] as const;

type Timing = Pick<FocusSessionTimingRow, 'graceMinutes' | 'skippedBreakMs' | 'completedItself'>;
export type SessionRow = FocusSessionRow & { timing: Timing };
export type ActiveRow = SessionRow & { status: FocusSessionView['status'] };

const NO_TIMING: Timing = { graceMinutes: DEFAULT_GRACE_MINUTES, skippedBreakMs: 0, completedItself: false };

function isActive(row: SessionRow): row is ActiveRow {
  return row.status === 'running' || row.status === 'paused';
}

/** A joined row with the defaults for a session that has no timing row (started before it existed, or uploaded). */
export function withTiming(row: { session: FocusSessionRow; timing: FocusSessionTimingRow | null }): SessionRow {
  const t = row.timing;
  return { ...row.session, timing: t ? { graceMinutes: t.graceMinutes, skippedBreakMs: t.skippedBreakMs, completedItself: t.completedItself } : NO_TIMING };
}

/** The caller's sessions with their timing; every read goes through here, so it is always owner-scoped. */
export function selectSessions(db: Db | Tx, ctx: ServiceContext, ...more: SQL[]) {
  return db
    .select({ session: focusSessions, timing: focusSessionTiming })
    .from(focusSessions)
    .leftJoin(focusSessionTiming, eq(focusSessionTiming.sessionId, focusSessions.id))
    .where(and(eq(focusSessions.userId, ctx.userId), isNull(focusSessions.deletedAt), ...more));
}

/** The user's running or paused session. */
export async function findActive(db: Db | Tx, ctx: ServiceContext): Promise<ActiveRow | undefined> {
  const found = await selectSessions(db, ctx, inArray(focusSessions.status, ACTIVE)).get();
  const row = found && withTiming(found);
  return row && isActive(row) ? row : undefined;
}

export async function getActiveOrThrow(tx: Tx, ctx: ServiceContext): Promise<ActiveRow> {
  const row = await findActive(tx, ctx);
  if (!row) throw notFound('Active focus session');
  return row;
}

export function toView(row: SessionRow): FocusSessionView {
  if (!isActive(row)) throw new Error(`Focus session ${row.id} is ${row.status}, not active`);
  return {
    id: row.id,
    taskTitle: row.taskTitle,
    mode: row.mode,
    plannedMinutes: row.plannedMinutes,
    pomodoro: row.pomodoro,
    status: row.status,
    startedAt: row.startedAt,
    pausedAt: row.pausedAt,
    pausedTotalMs: row.pausedTotalMs,
    deviceId: row.deviceId,
    updatedAt: row.updatedAt,
    skippedBreakMs: row.timing.skippedBreakMs,
    graceMinutes: row.timing.graceMinutes,
  };
}

export function toRecord(row: FocusSessionRow): FocusSessionRecord {
  return {
    id: row.id,
    taskTitle: row.taskTitle,
    mode: row.mode,
    plannedMinutes: row.plannedMinutes,
    startedAt: row.startedAt,
    endedAt: row.endedAt ?? row.updatedAt,
    completed: row.status === 'completed',
    focusMs: row.focusMs ?? 0,
  };
}

type SessionChange = Partial<Omit<FocusSessionRow, 'id' | 'userId' | 'serverVersion' | 'updatedAt'>>;

const ownedSessions = ownedRecords(focusSessions, 'Active focus session');

/** Saves a change to one of the caller's sessions; the same values again write nothing. */
export async function saveSession(w: WriteScope, ctx: ServiceContext, active: SessionRow, change: SessionChange): Promise<SessionRow> {
  return { ...(await ownedSessions.save(w, ctx, active.id, change)), timing: active.timing };
}

/** Writes a session's timing (insert or update); values it already holds write nothing. */
export async function saveTiming(w: WriteScope, ctx: ServiceContext, row: SessionRow, change: Partial<Timing>): Promise<SessionRow> {
  const timing = { ...row.timing, ...change };
  if (Object.entries(change).every(([k, v]) => row.timing[k as keyof Timing] === v)) return row;
  await w.tx
    .insert(focusSessionTiming)
    .values({ sessionId: row.id, userId: ctx.userId, ...timing })
    .onConflictDoUpdate({ target: focusSessionTiming.sessionId, set: change, where: eq(focusSessionTiming.userId, ctx.userId) });
  return { ...row, timing };
}

export const liveDevices = (ctx: ServiceContext) => getPresence().devices(ctx.userId);

/**
 * Announces the session on the `timer` channel with seed 003's payload. `live` (who holds a stream,
 * for the device's name) is read before the write's transaction: no network wait under the write lock.
 */
export async function announce(
  w: WriteScope,
  ctx: ServiceContext,
  session: FocusSessionView,
  event: { type: 'started' | 'updated' } | { type: 'moved'; targetDeviceId: string },
  live: readonly ConnectedDevice[],
): Promise<void> {
  const payload = timerEventPayload(session, w.now, await deviceNameOf(w.tx, ctx.userId, session.deviceId, live));
  w.hints.event = { channel: 'timer', ...event, payload };
}

/** Announces a changed active session as `timer:updated` (or `moved`) and answers with it. */
export async function announced(
  w: WriteScope,
  ctx: ServiceContext,
  row: SessionRow,
  event: { type: 'updated' } | { type: 'moved'; targetDeviceId: string },
  live: readonly ConnectedDevice[],
): Promise<FocusActive> {
  const session = toView(row);
  await announce(w, ctx, session, event, live);
  return { session, serverTime: w.now };
}
