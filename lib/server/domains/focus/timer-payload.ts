import 'server-only';
import { computeTimer, plannedEndAt, type FocusSessionRecord, type FocusSessionView } from '@/lib/shared/focus';
import type { PomodoroState, TimerEventPayload, TimerStoppedPayload } from '@/lib/shared/realtime';

/** The session view alone: a payload received from the bus carries seed 003's fields on top of it. */
export function sessionView(s: FocusSessionView): FocusSessionView {
  const { id, taskTitle, mode, plannedMinutes, pomodoro, status, startedAt, pausedAt, pausedTotalMs, deviceId, updatedAt, skippedBreakMs, graceMinutes } = s;
  return { id, taskTitle, mode, plannedMinutes, pomodoro, status, startedAt, pausedAt, pausedTotalMs, deviceId, updatedAt, skippedBreakMs, graceMinutes };
}

/**
 * Seed 003's payload of `timer:started|moved|updated` at server time `now`: the session view, when
 * the session ends if it keeps running, and the pomodoro phase (both null/frozen while paused).
 */
export function timerEventPayload(session: FocusSessionView, now: number, deviceName: string | null): TimerEventPayload {
  const view = sessionView(session);
  const running = view.status === 'running';
  const timer = computeTimer(view, now);
  const pomodoroState: PomodoroState | null =
    view.mode === 'pomodoro' && view.pomodoro
      ? { phase: timer.phase, phaseIndex: timer.phaseIndex, cycle: timer.cycle, phaseEndsAt: running ? now + timer.phaseRemainingMs : null }
      : null;
  return {
    ...view,
    memoId: view.id,
    plannedEndTime: running ? plannedEndAt(view) : null,
    pomodoroState,
    deviceName,
    serverTime: now,
  };
}

/** `timer:stopped`; a session that completed itself carries its record, so devices can tell the user (decision 030). */
export function timerStoppedPayload(
  id: string,
  completed: boolean,
  now: number,
  completedItself?: FocusSessionRecord,
): TimerStoppedPayload & { completedItself?: FocusSessionRecord } {
  return completedItself ? { id, completed, serverTime: now, completedItself } : { id, completed, serverTime: now };
}

/**
 * When the running pomodoro phase of `session` gives way to the next one (server ms), or null: not
 * a running pomodoro, or the current phase is the last one (it ends with the session).
 */
export function nextPhaseChangeAt(session: FocusSessionView, now: number): number | null {
  if (session.status !== 'running' || session.mode !== 'pomodoro' || !session.pomodoro) return null;
  const timer = computeTimer(session, now);
  return timer.remainingMs > timer.phaseRemainingMs ? now + timer.phaseRemainingMs : null;
}
