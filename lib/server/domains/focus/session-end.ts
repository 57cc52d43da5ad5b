import 'server-only';
import { completesItselfAt, computeTimer, plannedEndAt, type FocusActive } from '@/lib/shared/focus';
import { MAX_PLANNED_MINUTES, type FocusExtendInput } from '@/lib/shared/schemas/focus';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { getDb } from '@/lib/server/platform/db/client';
import { conflict } from '@/lib/server/platform/errors';
import { announced, findActive, getActiveOrThrow, liveDevices, saveSession, saveTiming, toRecord, toView, type ActiveRow } from './active';
import { timerStoppedPayload } from './timer-payload';

// How a session ends besides a stop: more minutes, a skipped break, and completing itself when forgotten.

function isOverdue(row: ActiveRow, now: number): boolean {
  const at = completesItselfAt(toView(row));
  return at !== null && now >= at;
}

/**
 * Completes the user's running session if it is past its planned end by more than its grace, with
 * its planned focus time, ended at its planned end (decision 030). Every read and write of the timer
 * calls it first, so it happens with every tab closed; nothing is written when nothing is overdue.
 * `asOf`: a write made offline takes effect when it was made, so it settles as of then (decision 052).
 */
export async function settleOverdue(ctx: ServiceContext, asOf?: number): Promise<void> {
  const seen = await findActive(getDb(), ctx);
  if (!seen || !isOverdue(seen, asOf ?? Date.now())) return;
  // No device ended it: every device of the user hears of it, the one that asked included.
  await writeChange({ userId: ctx.userId }, ['focus', 'progress'], async (w) => {
    const active = await findActive(w.tx, ctx);
    if (!active || !isOverdue(active, asOf ?? w.now)) return; // settled or changed by a request in between
    const view = toView(active);
    const endedAt = plannedEndAt(view);
    const ended = await saveSession(w, ctx, active, { status: 'completed', endedAt, focusMs: computeTimer(view, endedAt).focusMs });
    await saveTiming(w, ctx, ended, { completedItself: true });
    w.hints.event = { channel: 'timer', type: 'stopped', payload: timerStoppedPayload(active.id, true, w.now, toRecord(ended)) };
  });
}

/** More minutes for the active session; time past its end counts from now, since a timer at 0:00 measures no focus. */
export async function extendFocus(ctx: ServiceContext, input: FocusExtendInput): Promise<FocusActive> {
  await settleOverdue(ctx);
  const live = await liveDevices(ctx);
  return writeChange(ctx, ['focus'], async (w) => {
    const active = await getActiveOrThrow(w.tx, ctx);
    const plannedMinutes = active.plannedMinutes + input.minutes;
    if (plannedMinutes > MAX_PLANNED_MINUTES) throw conflict(`A focus session lasts ${MAX_PLANNED_MINUTES} minutes at most`);
    const overshoot = Math.max(0, (active.pausedAt ?? w.now) - plannedEndAt(toView(active)));
    const row = await saveSession(w, ctx, active, { plannedMinutes, pausedTotalMs: active.pausedTotalMs + overshoot });
    return announced(w, ctx, row, { type: 'updated' }, live);
  });
}

/** Ends the pomodoro break now: the plan moves on by what was left of it, so the next focus phase starts at once. */
export async function skipBreak(ctx: ServiceContext): Promise<FocusActive> {
  await settleOverdue(ctx);
  const live = await liveDevices(ctx);
  return writeChange(ctx, ['focus'], async (w) => {
    const active = await getActiveOrThrow(w.tx, ctx);
    const timer = computeTimer(toView(active), active.pausedAt ?? w.now);
    if (active.mode !== 'pomodoro' || timer.phase === 'focus' || timer.finished) throw conflict('The focus session is not on a break');
    const row = await saveTiming(w, ctx, active, { skippedBreakMs: active.timing.skippedBreakMs + timer.phaseRemainingMs });
    return announced(w, ctx, row, { type: 'updated' }, live);
  });
}
