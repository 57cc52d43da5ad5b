import 'server-only';
import { after, orderOf, Page, pageOf, pageSize } from '@/lib/server/platform/http/paging';
import { read } from '@/lib/server/platform/http/read';
import { randomUUID } from 'node:crypto';
import { and, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import { computeTimer, DEFAULT_POMODORO, type FocusActive, type FocusSessionRecord, type FocusSessionView } from '@/lib/shared/focus';
import type { ConnectedDevice, TimerEventPayload } from '@/lib/shared/realtime';
import type { FocusSessionsQuery, FocusStartInput } from '@/lib/shared/schemas/focus';
import { writeChange, type ServiceContext, type WriteScope } from '@/lib/server/platform/changes';
import { ownedRecords } from '@/lib/server/platform/db/owned';
import { getDb, type Db, type Tx } from '@/lib/server/platform/db/client';
import { focusSessions, type FocusSessionRow } from './schema';
import { deviceNameOf } from '@/lib/server/domains/devices/devices';
import { conflict, notFound } from '@/lib/server/platform/errors';
import { getPresence } from '@/lib/server/platform/realtime/presence';
import { timerEventPayload, timerStoppedPayload } from './timer-payload';

const ACTIVE = ['running', 'paused'] as const;
const ENDED = ['completed', 'abandoned'] as const;
const MAX_LISTED = 500;

type ActiveRow = FocusSessionRow & { status: FocusSessionView['status'] };

function isActive(row: FocusSessionRow): row is ActiveRow {
  return row.status === 'running' || row.status === 'paused';
}

function toView(row: FocusSessionRow): FocusSessionView {
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
  };
}

function toRecord(row: FocusSessionRow): FocusSessionRecord {
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

/** The user's running or paused session; every read of it goes through here so it is always owner-scoped. */
async function findActive(db: Db | Tx, ctx: ServiceContext): Promise<ActiveRow | undefined> {
  const row = await db
    .select()
    .from(focusSessions)
    .where(and(eq(focusSessions.userId, ctx.userId), inArray(focusSessions.status, ACTIVE), isNull(focusSessions.deletedAt)))
    .get();
  return row && isActive(row) ? row : undefined;
}

async function getActiveOrThrow(tx: Tx, ctx: ServiceContext): Promise<ActiveRow> {
  const row = await findActive(tx, ctx);
  if (!row) throw notFound('Active focus session');
  return row;
}

type SessionChange = Partial<Omit<FocusSessionRow, 'id' | 'userId' | 'serverVersion' | 'updatedAt'>>;

const ownedSessions = ownedRecords(focusSessions, 'Active focus session');
const saveSession = ownedSessions.save;

/**
 * Announces the session on the `timer` channel with seed 003's payload. `live` (who holds a stream,
 * for the device's name) is read before the write's transaction: no network wait under the write lock.
 */
async function announce(
  w: WriteScope,
  ctx: ServiceContext,
  session: FocusSessionView,
  event: { type: 'started' | 'updated' } | { type: 'moved'; targetDeviceId: string },
  live: readonly ConnectedDevice[],
): Promise<void> {
  const payload = timerEventPayload(session, w.now, await deviceNameOf(w.tx, ctx.userId, session.deviceId, live));
  w.hints.event = { channel: 'timer', ...event, payload };
}

/** Saves a change to the active session and announces the result on the `timer` channel. */
async function changeActive(
  w: WriteScope,
  ctx: ServiceContext,
  id: string,
  change: SessionChange,
  event: { type: 'updated' } | { type: 'moved'; targetDeviceId: string },
  live: readonly ConnectedDevice[],
): Promise<FocusActive> {
  const session = toView(await saveSession(w, ctx, id, change));
  await announce(w, ctx, session, event, live);
  return { session, serverTime: w.now };
}

const liveDevices = (ctx: ServiceContext) => getPresence().devices(ctx.userId);

export const getActive = read<FocusActive>({ scopes: ['focus'] }, async (ctx) => {
  const row = await findActive(getDb(), ctx);
  return { session: row ? toView(row) : null, serverTime: Date.now() };
});

/** The active session as a timer event payload, or null (the realtime phase ticker starts from it). */
export async function activeTimer(ctx: ServiceContext): Promise<TimerEventPayload | null> {
  const db = getDb();
  const row = await findActive(db, ctx);
  if (!row) return null;
  const session = toView(row);
  return timerEventPayload(session, Date.now(), await deviceNameOf(db, ctx.userId, session.deviceId, await liveDevices(ctx)));
}

export async function startFocus(ctx: ServiceContext, input: FocusStartInput): Promise<FocusActive> {
  const live = await liveDevices(ctx);
  return writeChange(ctx, ['focus'], async (w) => {
    if (await findActive(w.tx, ctx)) throw conflict('A focus session is already running; stop it first');
    const [row] = await w.tx
      .insert(focusSessions)
      .values({
        id: randomUUID(),
        userId: ctx.userId,
        createdAt: w.now,
        updatedAt: w.now,
        serverVersion: w.serverVersion,
        taskTitle: input.taskTitle || null,
        mode: input.mode,
        plannedMinutes: input.plannedMinutes,
        pomodoro: input.mode === 'pomodoro' ? (input.pomodoro ?? DEFAULT_POMODORO) : null,
        status: 'running',
        startedAt: w.now,
        deviceId: input.deviceId ?? ctx.deviceId ?? null,
      })
      .returning();
    const session = toView(row);
    await announce(w, ctx, session, { type: 'started' }, live);
    return { session, serverTime: w.now };
  });
}

export async function pauseFocus(ctx: ServiceContext): Promise<FocusActive> {
  const live = await liveDevices(ctx);
  return writeChange(ctx, ['focus'], async (w) => {
    const active = await getActiveOrThrow(w.tx, ctx);
    if (active.status === 'paused') throw conflict('The focus session is already paused');
    return changeActive(w, ctx, active.id, { status: 'paused', pausedAt: w.now }, { type: 'updated' }, live);
  });
}

export async function resumeFocus(ctx: ServiceContext): Promise<FocusActive> {
  const live = await liveDevices(ctx);
  return writeChange(ctx, ['focus'], async (w) => {
    const active = await getActiveOrThrow(w.tx, ctx);
    if (active.status === 'running' || active.pausedAt === null) throw conflict('The focus session is already running');
    const pausedTotalMs = active.pausedTotalMs + Math.max(0, w.now - active.pausedAt);
    return changeActive(w, ctx, active.id, { status: 'running', pausedAt: null, pausedTotalMs }, { type: 'updated' }, live);
  });
}

/** What POST /api/focus/stop answers: the now-empty active state (like every other timer write) and the ended session. */
export type FocusStopped = FocusActive & { stopped: FocusSessionRecord };

export async function stopFocus(ctx: ServiceContext, input: { completed: boolean }): Promise<FocusStopped> {
  return writeChange(ctx, ['focus', 'progress'], async (w) => {
    const active = await getActiveOrThrow(w.tx, ctx);
    const focusMs = computeTimer(active, w.now).focusMs;
    // An open pause is closed at the stop so that ended_at − started_at − paused_total_ms is the active time.
    const pausedTotalMs = active.pausedAt === null ? active.pausedTotalMs : active.pausedTotalMs + Math.max(0, w.now - active.pausedAt);
    const ended = await saveSession(w, ctx, active.id, {
      status: input.completed ? 'completed' : 'abandoned',
      endedAt: w.now,
      focusMs,
      pausedAt: null,
      pausedTotalMs,
    });
    w.hints.event = { channel: 'timer', type: 'stopped', payload: timerStoppedPayload(active.id, input.completed, w.now) };
    return { session: null, serverTime: w.now, stopped: toRecord(ended) };
  });
}

export async function moveFocus(ctx: ServiceContext, input: { targetDeviceId: string }): Promise<FocusActive> {
  const live = await liveDevices(ctx);
  return writeChange(ctx, ['focus'], async (w) => {
    const active = await getActiveOrThrow(w.tx, ctx);
    return changeActive(w, ctx, active.id, { deviceId: input.targetDeviceId }, { type: 'moved', targetDeviceId: input.targetDeviceId }, live);
  });
}

/** Ended sessions started in [from, to), newest first. */
const SESSION_ORDER = [
  [focusSessions.startedAt, 'desc'],
  [focusSessions.id, 'desc'],
] as const;

export const listSessions = read<Page<FocusSessionRecord[]>, FocusSessionsQuery>({ scopes: ['focus'] }, async (ctx, range) => {
  const read = await getDb()
    .select()
    .from(focusSessions)
    .where(
      and(
        eq(focusSessions.userId, ctx.userId),
        inArray(focusSessions.status, ENDED),
        isNull(focusSessions.deletedAt),
        gte(focusSessions.startedAt, range.from),
        lt(focusSessions.startedAt, range.to),
        after(SESSION_ORDER, range.cursor),
      ),
    )
    .orderBy(...orderOf(SESSION_ORDER))
    .limit(pageSize(range, MAX_LISTED));
  const { rows, next } = pageOf(read, range, (r) => [r.startedAt, r.id], MAX_LISTED);
  return new Page(rows.map(toRecord), next);
});
