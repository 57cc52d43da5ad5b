import { describe, expect, it } from 'vitest';
import { computeTimer } from '@/lib/shared/focus';
import { timerAfter, timerBody, type TimerWrite } from './offline';

const M = 60_000;
const T = Date.UTC(2026, 5, 2, 12);
const START: TimerWrite = {
  kind: 'start',
  input: { id: '0b7e4c2a-8a5e-4d7c-9a57-3f1f1c6c2a11', deviceId: 'web-1', mode: 'focus', plannedMinutes: 25, taskTitle: 'Write' },
};

describe('the timer offline', () => {
  it('shows a start, pause, resume and stop as the server will make them, each at its own moment', () => {
    const started = timerAfter(START, null, T).session!;
    expect(started).toMatchObject({
      id: START.kind === 'start' ? START.input.id : '',
      status: 'running',
      startedAt: T,
      pausedTotalMs: 0,
      deviceId: 'web-1',
      pomodoro: null,
    });
    const paused = timerAfter({ kind: 'pause' }, started, T + 5 * M).session!;
    expect(paused).toMatchObject({ status: 'paused', pausedAt: T + 5 * M });
    const resumed = timerAfter({ kind: 'resume' }, paused, T + 8 * M).session!;
    expect(resumed).toMatchObject({ status: 'running', pausedAt: null, pausedTotalMs: 3 * M });
    // The clock the user sees: 10 minutes after the start, 7 of them focused.
    expect(computeTimer(resumed, T + 10 * M).focusMs).toBe(7 * M);
    expect(timerAfter({ kind: 'stop', completed: true }, resumed, T + 12 * M)).toEqual({ session: null, serverTime: T + 12 * M });
  });

  it('sends when each write was made and which session it means', () => {
    const started = timerAfter(START, null, T).session!;
    expect(timerBody(START, null, T)).toEqual({ ...(START.kind === 'start' ? START.input : {}), at: T });
    expect(timerBody({ kind: 'pause' }, started, T + M)).toEqual({ sessionId: started.id, at: T + M });
    expect(timerBody({ kind: 'stop', completed: false }, started, T + 2 * M)).toEqual({ completed: false, sessionId: started.id, at: T + 2 * M });
  });

  it('leaves a state it cannot change as it is (a pause of a paused session, a resume of a running one)', () => {
    const started = timerAfter(START, null, T).session!;
    expect(timerAfter({ kind: 'resume' }, started, T + M).session).toBe(started);
    const paused = timerAfter({ kind: 'pause' }, started, T + M).session!;
    expect(timerAfter({ kind: 'pause' }, paused, T + 2 * M).session).toBe(paused);
  });
});
