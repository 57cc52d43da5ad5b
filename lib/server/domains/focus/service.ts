import 'server-only';
import { Page } from '@/lib/server/platform/http/paging';
import { read } from '@/lib/server/platform/http/read';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte, inArray, lt, not, sql } from 'drizzle-orm';
import { computeTimer, DEFAULT_GRACE_MINUTES, DEFAULT_POMODORO, FALSE_START_MS, type FocusActive, type FocusSessionRecord } from '@/lib/shared/focus';
import type { TimerEventPayload } from '@/lib/shared/realtime';
import type { FocusSessionsQuery, FocusStartInput } from '@/lib/shared/schemas/focus';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { getDb } from '@/lib/server/platform/db/client';
import { newestFirst, ownedRecords } from '@/lib/server/platform/db/owned';
import { focusSessions } from './schema';
import { deviceNameOf } from '@/lib/server/domains/devices/devices';
import { conflict } from '@/lib/server/platform/errors';
import {
  ENDED,
  announce,
  announced,
  findActive,
  getActiveOrThrow,
  liveDevices,
  saveSession,
  saveTiming,
  selectSessions,
  toRecord,
  toView,
  withTiming,
} from './active';
import { settleOverdue } from './session-end';
import { timerEventPayload, timerStoppedPayload } from './timer-payload';

export { extendFocus, skipBreak } from './session-end';

const MAX_LISTED = 500;

/** The user's last ended session, when it completed itself: they are told once they are back. */
async function lastCompletedItself(ctx: ServiceContext): Promise<FocusSessionRecord | undefined> {
  const last = await selectSessions(getDb(), ctx, inArray(focusSessions.status, ENDED)).orderBy(desc(focusSessions.startedAt)).limit(1).get();
  const row = last && withTiming(last);
  return row?.timing.completedItself ? toRecord(row) : undefined;
}

/** An overdue session completes itself before the ETag is taken, so the answer and its ETag agree (decision 030). */
const settledFocus = async (ctx: ServiceContext) => {
  await settleOverdue(ctx);
  return { scopes: ['focus'] as const };
};

export const getActive = read<FocusActive>(settledFocus, async (ctx) => {
  const row = await findActive(getDb(), ctx);
  if (row) return { session: toView(row), serverTime: Date.now() };
  const completedItself = await lastCompletedItself(ctx);
  return completedItself ? { session: null, serverTime: Date.now(), completedItself } : { session: null, serverTime: Date.now() };
});

/** The active session as a timer event payload, or null (the realtime phase ticker starts from it). */
export async function activeTimer(ctx: ServiceContext): Promise<TimerEventPayload | null> {
  await settleOverdue(ctx);
  const db = getDb();
  const row = await findActive(db, ctx);
  if (!row) return null;
  const session = toView(row);
  return timerEventPayload(session, Date.now(), await deviceNameOf(db, ctx.userId, session.deviceId, await liveDevices(ctx)));
}

export async function startFocus(ctx: ServiceContext, input: FocusStartInput): Promise<FocusActive> {
  await settleOverdue(ctx);
  const live = await liveDevices(ctx);
  return writeChange(ctx, ['focus'], async (w) => {
    if (await findActive(w.tx, ctx)) throw conflict('A focus session is already running; stop it first');
    const [inserted] = await w.tx
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
    const row = await saveTiming(w, ctx, withTiming({ session: inserted, timing: null }), { graceMinutes: input.graceMinutes ?? DEFAULT_GRACE_MINUTES });
    const session = toView(row);
    await announce(w, ctx, session, { type: 'started' }, live);
    return { session, serverTime: w.now };
  });
}

export async function pauseFocus(ctx: ServiceContext): Promise<FocusActive> {
  await settleOverdue(ctx);
  const live = await liveDevices(ctx);
  return writeChange(ctx, ['focus'], async (w) => {
    const active = await getActiveOrThrow(w.tx, ctx);
    if (active.status === 'paused') throw conflict('The focus session is already paused');
    return announced(w, ctx, await saveSession(w, ctx, active, { status: 'paused', pausedAt: w.now }), { type: 'updated' }, live);
  });
}

export async function resumeFocus(ctx: ServiceContext): Promise<FocusActive> {
  await settleOverdue(ctx);
  const live = await liveDevices(ctx);
  return writeChange(ctx, ['focus'], async (w) => {
    const active = await getActiveOrThrow(w.tx, ctx);
    if (active.status === 'running' || active.pausedAt === null) throw conflict('The focus session is already running');
    const pausedTotalMs = active.pausedTotalMs + Math.max(0, w.now - active.pausedAt);
    return announced(w, ctx, await saveSession(w, ctx, active, { status: 'running', pausedAt: null, pausedTotalMs }), { type: 'updated' }, live);
  });
}

/** What POST /api/focus/stop answers: the now-empty active state (like every other timer write) and the ended session. */
export type FocusStopped = FocusActive & { stopped: FocusSessionRecord };

export async function stopFocus(ctx: ServiceContext, input: { completed: boolean }): Promise<FocusStopped> {
  await settleOverdue(ctx);
  return writeChange(ctx, ['focus', 'progress'], async (w) => {
    const active = await getActiveOrThrow(w.tx, ctx);
    const focusMs = computeTimer(toView(active), w.now).focusMs;
    // An open pause is closed at the stop so that ended_at − started_at − paused_total_ms is the active time.
    const pausedTotalMs = active.pausedAt === null ? active.pausedTotalMs : active.pausedTotalMs + Math.max(0, w.now - active.pausedAt);
    const ended = await saveSession(w, ctx, active, {
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
  await settleOverdue(ctx);
  const live = await liveDevices(ctx);
  return writeChange(ctx, ['focus'], async (w) => {
    const active = await getActiveOrThrow(w.tx, ctx);
    const moved = await saveSession(w, ctx, active, { deviceId: input.targetDeviceId });
    return announced(w, ctx, moved, { type: 'moved', targetDeviceId: input.targetDeviceId }, live);
  });
}

/** Ran less than a minute (open pauses are closed at the stop): coalesce, as an uploaded session may have no end. */
const falseStart = and(
  eq(focusSessions.status, 'abandoned'),
  lt(sql`coalesce(${focusSessions.endedAt}, ${focusSessions.updatedAt}) - ${focusSessions.startedAt} - ${focusSessions.pausedTotalMs}`, FALSE_START_MS),
)!;

const ownedSessions = ownedRecords(focusSessions, 'Focus session');

/** Ended sessions started in [from, to), newest first. */
export const listSessions = read<Page<FocusSessionRecord[]>, FocusSessionsQuery>(settledFocus, async (ctx, range) => {
  const where = [inArray(focusSessions.status, ENDED), not(falseStart), gte(focusSessions.startedAt, range.from), lt(focusSessions.startedAt, range.to)];
  const { rows, next } = await ownedSessions.page(getDb(), ctx, range, { order: newestFirst('startedAt'), where, byDefault: MAX_LISTED });
  return new Page(rows.map(toRecord), next);
});
