/**
 * The timer's own writes while offline (decision 052): each is kept in the outbox with the moment the
 * user acted and the session it means, and shown at once as the server will make it when it arrives.
 */
import { DEFAULT_POMODORO, type FocusActive, type FocusSessionView } from '@/lib/shared/focus';
import type { FocusStartInput } from '@/lib/shared/schemas/focus';

export type TimerWrite =
  { kind: 'start'; input: FocusStartInput & { id: string; deviceId: string } } | { kind: 'pause' } | { kind: 'resume' } | { kind: 'stop'; completed: boolean };

/** The body a write sends: when it was made and, but for a start, the session it means. */
export function timerBody(write: TimerWrite, session: FocusSessionView | null, at: number): Record<string, unknown> {
  switch (write.kind) {
    case 'start':
      return { ...write.input, at };
    case 'stop':
      return { completed: write.completed, sessionId: session?.id, at };
    default:
      return { sessionId: session?.id, at };
  }
}

/** What the server will answer for a write made at `at` on `current`, shown while the write waits to be sent. */
export function timerAfter(write: TimerWrite, current: FocusSessionView | null, at: number): FocusActive {
  const now = (session: FocusSessionView | null): FocusActive => ({ session, serverTime: at });
  switch (write.kind) {
    case 'start': {
      const { input } = write;
      return now({
        id: input.id,
        taskTitle: input.taskTitle || null,
        mode: input.mode,
        plannedMinutes: input.plannedMinutes,
        pomodoro: input.mode === 'pomodoro' ? (input.pomodoro ?? DEFAULT_POMODORO) : null,
        status: 'running',
        startedAt: at,
        pausedAt: null,
        pausedTotalMs: 0,
        deviceId: input.deviceId,
        updatedAt: at,
        skippedBreakMs: 0,
        ...(input.graceMinutes === undefined ? {} : { graceMinutes: input.graceMinutes }),
      });
    }
    case 'pause':
      return now(current && current.status === 'running' ? { ...current, status: 'paused', pausedAt: at, updatedAt: at } : current);
    case 'resume':
      return now(
        current && current.pausedAt !== null
          ? { ...current, status: 'running', pausedAt: null, pausedTotalMs: current.pausedTotalMs + Math.max(0, at - current.pausedAt), updatedAt: at }
          : current,
      );
    case 'stop':
      return now(null);
  }
}
