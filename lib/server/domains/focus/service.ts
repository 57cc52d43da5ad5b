import 'server-only';
import { Page } from '@/lib/server/platform/http/paging';
import { read } from '@/lib/server/platform/http/read';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, gte, inArray, lt, not, sql } from 'drizzle-orm';
import { computeTimer, DEFAULT_GRACE_MINUTES, DEFAULT_POMODORO, FALSE_START_MS, type FocusActive, type FocusSessionRecord } from '@/lib/shared/focus';
import type { TimerEventPayload } from '@/lib/shared/realtime';
import { MAX_OFFLINE_MS, type FocusActInput, type FocusSessionsQuery, type FocusStartInput, type FocusStopInput } from '@/lib/shared/schemas/focus';
import { writeChange, type ServiceContext, type WriteScope } from '@/lib/server/platform/changes';
import { getDb } from '@/lib/server/platform/db/client';
import { newestFirst, ownedRecords } from '@/lib/server/platform/db/owned';
import { focusSessions } from './schema';
import { deviceNameOf } from '@/lib/server/domains/devices/devices';
import { conflict, notFound } from '@/lib/server/platform/errors';
import {
  ENDED,
  type ActiveRow,
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

/**
 * When a timer write takes effect (decision 052): when the user acted, if the browser says so (a write
 * kept offline and sent later), never before `floor` (the session's last change) and never after now.
 */
function actedAt(at: number | undefined, now: number, floor: number): number {
  if (at === undefined) return now;
  if (at < now - MAX_OFFLINE_MS) throw conflict('This timer change was made more than a day ago and was not applied');
  return Math.min(now, Math.max(floor, at));
}

/** Settling is as of when a write was made (never later than now): see settleOverdue. */
const asOf = (at: number | undefined) => (at === undefined ? undefined : Math.min(at, Date.now()));

/** The running session a write means: one made offline for a session that is no longer running changes nothing. */
async function activeNamed(w: WriteScope, ctx: ServiceContext, sessionId: string | undefined): Promise<ActiveRow> {
  const active = await findActive(w.tx, ctx);
  if (sessionId !== undefined && active?.id !== sessionId) throw conflict('That focus session is no longer running: this change was not applied');
  if (!active) throw notFound('Active focus session');
  return active;
}

/**
 * Where a session started while offline at `at` may begin: after a session that was still running
 * then (a few seconds of clock skew); never inside one that started after it on another device — the
 * one-active-session rule holds for the past too (409, saying what ran meanwhile).
 */
async function startSlot(w: WriteScope, ctx: ServiceContext, at: number): Promise<number> {
  const found = await selectSessions(w.tx, ctx, inArray(focusSessions.status, ENDED), gt(focusSessions.endedAt, at))
    .orderBy(desc(focusSessions.endedAt))
    .limit(1)
    .get();
  const later = found?.session;
  if (!later?.endedAt) return at;
  if (later.startedAt > at) {
    const what = later.taskTitle ? `“${later.taskTitle}”, ` : '';
    throw conflict(`Another focus session ran meanwhile (${what}started ${new Date(later.startedAt).toISOString()}): this one was not started`);
  }
  return later.endedAt;
}

export async function startFocus(ctx: ServiceContext, input: FocusStartInput): Promise<FocusActive> {
  await settleOverdue(ctx);
  const live = await liveDevices(ctx);
  return writeChange(ctx, ['focus'], async (w) => {
    if (await findActive(w.tx, ctx)) throw conflict('A focus session is already running; stop it first');
    if (input.id && (await w.tx.select({ id: focusSessions.id }).from(focusSessions).where(eq(focusSessions.id, input.id)).get())) {
      throw conflict('A focus session with this id exists already');
    }
    const startedAt = input.at === undefined ? w.now : await startSlot(w, ctx, actedAt(input.at, w.now, 0));
    const [inserted] = await w.tx
      .insert(focusSessions)
      .values({
        id: input.id ?? randomUUID(),
        userId: ctx.userId,
        createdAt: w.now,
        updatedAt: w.now,
        serverVersion: w.serverVersion,
        taskTitle: input.taskTitle || null,
        mode: input.mode,
        plannedMinutes: input.plannedMinutes,
        pomodoro: input.mode === 'pomodoro' ? (input.pomodoro ?? DEFAULT_POMODORO) : null,
        status: 'running',
        startedAt,
        deviceId: input.deviceId ?? ctx.deviceId ?? null,
      })
      .returning();
    const row = await saveTiming(w, ctx, withTiming({ session: inserted, timing: null }), { graceMinutes: input.graceMinutes ?? DEFAULT_GRACE_MINUTES });
    const session = toView(row);
    await announce(w, ctx, session, { type: 'started' }, live);
    return { session, serverTime: w.now };
  });
}

export async function pauseFocus(ctx: ServiceContext, input: FocusActInput = {}): Promise<FocusActive> {
  await settleOverdue(ctx, asOf(input.at));
  const live = await liveDevices(ctx);
  return writeChange(ctx, ['focus'], async (w) => {
    const active = await activeNamed(w, ctx, input.sessionId);
    if (active.status === 'paused') throw conflict('The focus session is already paused');
    const pausedAt = actedAt(input.at, w.now, active.startedAt);
    return announced(w, ctx, await saveSession(w, ctx, active, { status: 'paused', pausedAt }), { type: 'updated' }, live);
  });
}

export async function resumeFocus(ctx: ServiceContext, input: FocusActInput = {}): Promise<FocusActive> {
  await settleOverdue(ctx, asOf(input.at));
  const live = await liveDevices(ctx);
  return writeChange(ctx, ['focus'], async (w) => {
    const active = await activeNamed(w, ctx, input.sessionId);
    if (active.status === 'running' || active.pausedAt === null) throw conflict('The focus session is already running');
    const resumedAt = actedAt(input.at, w.now, active.pausedAt);
    const pausedTotalMs = active.pausedTotalMs + Math.max(0, resumedAt - active.pausedAt);
    return announced(w, ctx, await saveSession(w, ctx, active, { status: 'running', pausedAt: null, pausedTotalMs }), { type: 'updated' }, live);
  });
}

/** What POST /api/focus/stop answers: the now-empty active state (like every other timer write) and the ended session. */
export type FocusStopped = FocusActive & { stopped: FocusSessionRecord };

export async function stopFocus(ctx: ServiceContext, input: FocusStopInput): Promise<FocusStopped> {
  await settleOverdue(ctx, asOf(input.at));
  return writeChange(ctx, ['focus', 'progress'], async (w) => {
    const active = await activeNamed(w, ctx, input.sessionId);
    const endedAt = actedAt(input.at, w.now, active.pausedAt ?? active.startedAt);
    const focusMs = computeTimer(toView(active), endedAt).focusMs;
    // An open pause is closed at the stop so that ended_at − started_at − paused_total_ms is the active time.
    const pausedTotalMs = active.pausedAt === null ? active.pausedTotalMs : active.pausedTotalMs + Math.max(0, endedAt - active.pausedAt);
    const ended = await saveSession(w, ctx, active, {
      status: input.completed ? 'completed' : 'abandoned',
      endedAt,
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
