import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FocusSessionView } from '@/lib/shared/focus';
import type { SseEvent, TimerEventPayload } from '@/lib/shared/realtime';
import { runningSession } from '@/test/fixtures/focus-session';
import { PhaseTicker } from './phase-ticker';
import { timerEventPayload } from './timer-payload';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const POMODORO = { focusMinutes: 25, shortBreakMinutes: 5, longBreakMinutes: 15, cyclesBeforeLongBreak: 2 };

const session = (overrides: Partial<FocusSessionView> = {}) =>
  runningSession(T0, { mode: 'pomodoro', plannedMinutes: 120, pomodoro: POMODORO, deviceId: 'laptop', ...overrides });

const payloadAt = (s: FocusSessionView, now: number, deviceName: string | null = 'Laptop') => timerEventPayload(s, now, deviceName);

let sent: { userId: string; event: Omit<SseEvent, 'id'> }[];
let ticker: PhaseTicker;
/** What the database holds as the user's active session: the ticker reads it again at every boundary. */
let stored: TimerEventPayload | null;

/** A timer event as a write sends it: the database changes, then the event arrives. */
function event(type: 'started' | 'updated' | 'moved', payload: TimerEventPayload) {
  stored = payload;
  ticker.onTimerEvent('u1', type, payload);
}

function makeTicker(load: (userId: string) => Promise<TimerEventPayload | null> = async () => stored) {
  ticker = new PhaseTicker({ load, send: (userId, event) => sent.push({ userId, event }) });
  return ticker;
}

const states = () => sent.map(({ event }) => (event.payload as TimerEventPayload).pomodoroState);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  sent = [];
  stored = null;
});
afterEach(() => {
  ticker?.dispose();
  vi.useRealTimers();
});

describe('PhaseTicker', () => {
  it('announces every phase change of a running pomodoro to its user, with a fresh payload, until the last phase', async () => {
    makeTicker(async () => payloadAt(session(), T0));
    ticker.watch('u1');
    await vi.advanceTimersByTimeAsync(25 * MIN - 1);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      userId: 'u1',
      event: {
        channel: 'timer',
        type: 'updated',
        sourceDeviceId: null,
        changedScopes: [],
        timestamp: new Date(T0 + 25 * MIN).toISOString(),
        payload: {
          ...session(),
          memoId: 's1',
          plannedEndTime: T0 + 120 * MIN,
          pomodoroState: { phase: 'short_break', phaseIndex: 1, cycle: 1, phaseEndsAt: T0 + 30 * MIN },
          deviceName: 'Laptop',
          serverTime: T0 + 25 * MIN,
        },
      },
    });
    // 25 focus, 5 short, 25 focus, 15 long, 25 focus, then the session ends at 120 inside the next short break.
    await vi.advanceTimersByTimeAsync(200 * MIN);
    expect(states()).toEqual([
      { phase: 'short_break', phaseIndex: 1, cycle: 1, phaseEndsAt: T0 + 30 * MIN },
      { phase: 'focus', phaseIndex: 2, cycle: 1, phaseEndsAt: T0 + 55 * MIN },
      { phase: 'long_break', phaseIndex: 3, cycle: 2, phaseEndsAt: T0 + 70 * MIN },
      { phase: 'focus', phaseIndex: 4, cycle: 2, phaseEndsAt: T0 + 95 * MIN },
      { phase: 'short_break', phaseIndex: 5, cycle: 3, phaseEndsAt: T0 + 100 * MIN },
      { phase: 'focus', phaseIndex: 6, cycle: 3, phaseEndsAt: T0 + 120 * MIN },
    ]);
    expect(ticker.scheduled()).toBe(0);
  });

  it('learns the session from timer events and follows pause and resume', async () => {
    makeTicker();
    ticker.watch('u1');
    await vi.advanceTimersByTimeAsync(0);
    expect(ticker.scheduled()).toBe(0);
    event('started', payloadAt(session(), T0));
    await vi.advanceTimersByTimeAsync(10 * MIN);
    const paused = session({ status: 'paused', pausedAt: T0 + 10 * MIN, updatedAt: T0 + 10 * MIN });
    event('updated', payloadAt(paused, T0 + 10 * MIN));
    expect(ticker.scheduled()).toBe(0);
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(sent).toEqual([]);
    // Resumed after an hour's pause: the focus phase has 15 minutes left.
    const resumed = session({ pausedTotalMs: 60 * MIN, updatedAt: T0 + 70 * MIN });
    event('updated', payloadAt(resumed, T0 + 70 * MIN));
    await vi.advanceTimersByTimeAsync(15 * MIN);
    expect(states()).toEqual([{ phase: 'short_break', phaseIndex: 1, cycle: 1, phaseEndsAt: T0 + 90 * MIN }]);
  });

  it.each([
    ['a stop', (t: PhaseTicker) => t.onTimerEvent('u1', 'stopped', { id: 's1', completed: false, serverTime: T0 })],
    ['the last stream of the user closing', (t: PhaseTicker) => t.unwatch('u1')],
  ])('cancels on %s', async (_label, cancel) => {
    makeTicker(async () => payloadAt(session(), T0));
    ticker.watch('u1');
    await vi.advanceTimersByTimeAsync(0);
    expect(ticker.scheduled()).toBe(1);
    cancel(ticker);
    expect(ticker.scheduled()).toBe(0);
    await vi.advanceTimersByTimeAsync(200 * MIN);
    expect(sent).toEqual([]);
  });

  it('schedules nothing for a plain focus session or a user it does not watch', async () => {
    makeTicker();
    ticker.watch('u1');
    ticker.onTimerEvent('u1', 'started', payloadAt(session({ mode: 'focus', pomodoro: null }), T0));
    ticker.onTimerEvent('u2', 'started', payloadAt(session(), T0));
    await vi.advanceTimersByTimeAsync(200 * MIN);
    expect(ticker.scheduled()).toBe(0);
    expect(sent).toEqual([]);
  });

  it('keeps a timer event that arrives while the first read is still on its way', async () => {
    let answer: (p: TimerEventPayload | null) => void = () => {};
    let first = true;
    makeTicker(() => {
      if (!first) return Promise.resolve(stored);
      first = false;
      return new Promise((resolve) => (answer = resolve));
    });
    ticker.watch('u1');
    event('started', payloadAt(session(), T0));
    answer(null);
    await vi.advanceTimersByTimeAsync(25 * MIN);
    expect(sent).toHaveLength(1);
  });

  it('follows a move to another device: the next announcement names the new device', async () => {
    stored = payloadAt(session(), T0);
    makeTicker();
    ticker.watch('u1');
    await vi.advanceTimersByTimeAsync(MIN);
    event('moved', payloadAt(session({ deviceId: 'phone', updatedAt: T0 + MIN }), T0 + MIN, 'Phone'));
    await vi.advanceTimersByTimeAsync(24 * MIN);
    expect(sent[0].event.payload as TimerEventPayload).toMatchObject({ deviceId: 'phone', deviceName: 'Phone' });
  });

  it('reads the session again at the boundary: one ended by a write that sent no timer event (a native upload) is not brought back', async () => {
    stored = payloadAt(session(), T0);
    makeTicker();
    ticker.watch('u1');
    await vi.advanceTimersByTimeAsync(MIN);
    expect(ticker.scheduled()).toBe(1);
    stored = null; // completed through /api/v1/sync/upload: the focus scope changed, no timer event
    await vi.advanceTimersByTimeAsync(200 * MIN);
    expect(sent).toEqual([]);
    expect(ticker.scheduled()).toBe(0);
  });

  it('reads the session again at its grace deadline, so a forgotten one completes itself while a stream is open', async () => {
    const plain = session({ mode: 'focus', pomodoro: null, plannedMinutes: 25, graceMinutes: 10 });
    const loads: number[] = [];
    // The read completes an overdue session (service.ts activeTimer): from the deadline on there is none.
    makeTicker(async () => {
      loads.push(Date.now());
      return Date.now() >= T0 + 35 * MIN ? null : payloadAt(plain, T0);
    });
    ticker.watch('u1');
    await vi.advanceTimersByTimeAsync(0);
    expect(ticker.scheduled()).toBe(1);
    await vi.advanceTimersByTimeAsync(35 * MIN);
    expect(loads).toEqual([T0, T0 + 35 * MIN]);
    expect(ticker.scheduled()).toBe(0);
    expect(sent).toEqual([]);
  });

  it('never spins on a deadline the read did not act on', async () => {
    let loads = 0;
    makeTicker(async () => {
      loads += 1;
      return payloadAt(session({ mode: 'focus', pomodoro: null, plannedMinutes: 25, graceMinutes: 1 }), T0);
    });
    ticker.watch('u1');
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(loads).toBe(2);
    expect(ticker.scheduled()).toBe(0);
  });
});
