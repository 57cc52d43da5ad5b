import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activeElapsedMs,
  completesItselfAt,
  computeTimer,
  DEFAULT_POMODORO,
  formatClock,
  plannedEndAt,
  timerDisplay,
  type FocusPhase,
  type PomodoroSettings,
} from './focus';

const MIN = 60_000;
const T0 = 1_700_000_000_000;

type Extra = { pausedAt?: number | null; pausedTotalMs?: number; skippedBreakMs?: number };

function plain(plannedMinutes: number, extra: Extra = {}) {
  return { mode: 'focus' as const, pomodoro: null, plannedMinutes, startedAt: T0, pausedAt: null, pausedTotalMs: 0, ...extra };
}

function pomodoro(plannedMinutes: number, settings: PomodoroSettings = DEFAULT_POMODORO, extra: Extra = {}) {
  return { mode: 'pomodoro' as const, pomodoro: settings, plannedMinutes, startedAt: T0, pausedAt: null, pausedTotalMs: 0, ...extra };
}

/** The phases a session goes through, sampled once a minute. */
function phaseSequence(session: ReturnType<typeof pomodoro>): FocusPhase[] {
  const phases: FocusPhase[] = [];
  let lastIndex = -1;
  for (let minute = 0; minute <= session.plannedMinutes; minute++) {
    const state = computeTimer(session, T0 + minute * MIN);
    if (state.phaseIndex !== lastIndex) phases.push(state.phase);
    lastIndex = state.phaseIndex;
  }
  return phases;
}

describe('plain focus mode', () => {
  it('counts down the planned length from the start', () => {
    const state = computeTimer(plain(25), T0 + 10 * MIN);
    expect(state).toEqual({
      phase: 'focus',
      phaseIndex: 0,
      cycle: 0,
      phaseRemainingMs: 15 * MIN,
      elapsedMs: 10 * MIN,
      remainingMs: 15 * MIN,
      focusMs: 10 * MIN,
      finished: false,
    });
  });

  it('is finished with nothing remaining at exactly the planned length', () => {
    const state = computeTimer(plain(25), T0 + 25 * MIN);
    expect(state.finished).toBe(true);
    expect(state.remainingMs).toBe(0);
    expect(state.focusMs).toBe(25 * MIN);
  });

  it('caps elapsed and focus time at the planned length long after it ends', () => {
    const state = computeTimer(plain(25), T0 + 5 * 60 * MIN);
    expect(state.elapsedMs).toBe(25 * MIN);
    expect(state.focusMs).toBe(25 * MIN);
    expect(state.remainingMs).toBe(0);
    expect(state.phaseRemainingMs).toBe(0);
    expect(state.finished).toBe(true);
  });

  it('shows the full length when the device clock is behind the start', () => {
    const state = computeTimer(plain(25), T0 - 5_000);
    expect(state.elapsedMs).toBe(0);
    expect(state.remainingMs).toBe(25 * MIN);
  });
});

describe('pausing', () => {
  it('freezes the timer at the moment of the pause however late it is read', () => {
    const session = plain(25, { pausedAt: T0 + 10 * MIN });
    expect(computeTimer(session, T0 + 11 * MIN).remainingMs).toBe(15 * MIN);
    expect(computeTimer(session, T0 + 60 * MIN).remainingMs).toBe(15 * MIN);
  });

  it('leaves finished pauses out of the elapsed time after resuming', () => {
    const session = plain(25, { pausedTotalMs: 5 * MIN });
    expect(activeElapsedMs(session, T0 + 20 * MIN)).toBe(15 * MIN);
  });

  it('leaves both finished pauses and the current pause out while paused again', () => {
    const session = plain(25, { pausedTotalMs: 5 * MIN, pausedAt: T0 + 20 * MIN });
    expect(activeElapsedMs(session, T0 + 40 * MIN)).toBe(15 * MIN);
  });

  it('freezes the pomodoro phase and its remaining time while paused', () => {
    const session = pomodoro(120, DEFAULT_POMODORO, { pausedAt: T0 + 27 * MIN });
    const state = computeTimer(session, T0 + 90 * MIN);
    expect(state.phase).toBe('short_break');
    expect(state.phaseRemainingMs).toBe(3 * MIN);
  });
});

describe('pomodoro mode', () => {
  it('alternates focus and short breaks and takes a long break after the set number of cycles', () => {
    // 4 × (25 + break) with the 4th break long, then one more focus and short break.
    const session = pomodoro(25 * 5 + 5 * 4 + 15);
    expect(phaseSequence(session)).toEqual([
      'focus',
      'short_break',
      'focus',
      'short_break',
      'focus',
      'short_break',
      'focus',
      'long_break',
      'focus',
      'short_break',
    ]);
  });

  it('takes a long break after every focus phase when cyclesBeforeLongBreak is 1', () => {
    const session = pomodoro(100, { focusMinutes: 20, shortBreakMinutes: 5, longBreakMinutes: 10, cyclesBeforeLongBreak: 1 });
    expect(phaseSequence(session)).toEqual(['focus', 'long_break', 'focus', 'long_break', 'focus', 'long_break', 'focus']);
  });

  it('starts the first break exactly when the first focus phase ends', () => {
    const session = pomodoro(120);
    expect(computeTimer(session, T0 + 25 * MIN - 1)).toMatchObject({ phase: 'focus', phaseIndex: 0, cycle: 0, phaseRemainingMs: 1 });
    expect(computeTimer(session, T0 + 25 * MIN)).toMatchObject({ phase: 'short_break', phaseIndex: 1, cycle: 1, phaseRemainingMs: 5 * MIN });
  });

  it('reports the time left in the current phase', () => {
    const session = pomodoro(180);
    expect(computeTimer(session, T0 + 27 * MIN).phaseRemainingMs).toBe(3 * MIN);
    expect(computeTimer(session, T0 + 40 * MIN)).toMatchObject({ phase: 'focus', phaseIndex: 2, phaseRemainingMs: 15 * MIN });
    expect(computeTimer(session, T0 + 120 * MIN)).toMatchObject({ phase: 'long_break', cycle: 4, phaseRemainingMs: 10 * MIN });
  });

  it('cuts the last phase short at the planned length', () => {
    const session = pomodoro(40);
    expect(computeTimer(session, T0 + 35 * MIN)).toMatchObject({ phase: 'focus', phaseIndex: 2, phaseRemainingMs: 5 * MIN, remainingMs: 5 * MIN });
  });

  it('counts only focus phases as focus time', () => {
    const session = pomodoro(180);
    expect(computeTimer(session, T0 + 27 * MIN).focusMs).toBe(25 * MIN);
    expect(computeTimer(session, T0 + 32 * MIN).focusMs).toBe(27 * MIN);
    expect(computeTimer(session, T0 + 120 * MIN).focusMs).toBe(100 * MIN);
    expect(computeTimer(session, T0 + 120 * MIN).elapsedMs).toBe(120 * MIN);
  });

  it('is finished at the planned length, in whatever phase that falls', () => {
    const session = pomodoro(60);
    const state = computeTimer(session, T0 + 60 * MIN);
    expect(state).toMatchObject({ phase: 'short_break', finished: true, remainingMs: 0, phaseRemainingMs: 0, focusMs: 50 * MIN });
    expect(computeTimer(session, T0 + 60 * MIN - 1).finished).toBe(false);
  });

  it('caps focus time at the planned length long after it ends', () => {
    const session = pomodoro(50);
    const state = computeTimer(session, T0 + 10 * 60 * MIN);
    expect(state).toMatchObject({ phase: 'focus', finished: true, elapsedMs: 50 * MIN, focusMs: 45 * MIN, remainingMs: 0 });
  });

  it('falls back to one plain focus phase when the settings are missing', () => {
    const state = computeTimer({ ...pomodoro(60), pomodoro: null }, T0 + 40 * MIN);
    expect(state).toMatchObject({ phase: 'focus', phaseIndex: 0, focusMs: 40 * MIN, phaseRemainingMs: 20 * MIN });
  });
});

describe('timer invariants', () => {
  const settings = fc.record({
    focusMinutes: fc.integer({ min: 1, max: 180 }),
    shortBreakMinutes: fc.integer({ min: 1, max: 60 }),
    longBreakMinutes: fc.integer({ min: 1, max: 120 }),
    cyclesBeforeLongBreak: fc.integer({ min: 1, max: 12 }),
  });
  const session = fc.record({
    mode: fc.constantFrom('focus' as const, 'pomodoro' as const),
    pomodoro: settings,
    plannedMinutes: fc.integer({ min: 1, max: 600 }),
    startedAt: fc.constant(T0),
    pausedAt: fc.constant(null),
    pausedTotalMs: fc.integer({ min: 0, max: 60 * MIN }),
  });

  it('keeps elapsed + remaining = planned, 0 ≤ focus ≤ elapsed and 0 ≤ phase remaining ≤ remaining', () => {
    fc.assert(
      fc.property(session, fc.integer({ min: -MIN, max: 15 * 60 * MIN }), (s, offset) => {
        const state = computeTimer(s, T0 + offset);
        expect(state.elapsedMs + state.remainingMs).toBe(s.plannedMinutes * MIN);
        expect(state.focusMs).toBeGreaterThanOrEqual(0);
        expect(state.focusMs).toBeLessThanOrEqual(state.elapsedMs);
        expect(state.phaseRemainingMs).toBeGreaterThanOrEqual(0);
        expect(state.phaseRemainingMs).toBeLessThanOrEqual(state.remainingMs);
        expect(state.finished).toBe(state.remainingMs === 0);
      }),
    );
  });

  it('never lets focus time go backwards as time passes', () => {
    fc.assert(
      fc.property(session, fc.integer({ min: 0, max: 12 * 60 * MIN }), fc.integer({ min: 0, max: 60 * MIN }), (s, at, later) => {
        expect(computeTimer(s, T0 + at + later).focusMs).toBeGreaterThanOrEqual(computeTimer(s, T0 + at).focusMs);
      }),
    );
  });
});

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [1, '0:01'],
    [59_999, '1:00'],
    [61_000, '1:01'],
    [25 * MIN, '25:00'],
    [3_600_000, '1:00:00'],
    [3_661_000, '1:01:01'],
    [10 * 3_600_000, '10:00:00'],
    [-5_000, '0:00'],
  ])('shows %i ms as %s, rounding partial seconds up', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});

describe('skipping a break', () => {
  it('moves the plan on by the skipped time: the next focus phase starts at once and the session ends that much sooner', () => {
    const session = pomodoro(60, DEFAULT_POMODORO, { skippedBreakMs: 3 * MIN });
    expect(computeTimer(session, T0 + 27 * MIN)).toMatchObject({ phase: 'focus', phaseIndex: 2, phaseRemainingMs: 25 * MIN, remainingMs: 30 * MIN });
    expect(plannedEndAt(session)).toBe(T0 + 57 * MIN);
    expect(computeTimer(session, T0 + 57 * MIN)).toMatchObject({ finished: true, focusMs: 50 * MIN });
  });
});

describe('completesItselfAt', () => {
  const running = { status: 'running' as const, startedAt: T0, pausedTotalMs: 0, plannedMinutes: 25 };

  it('is the planned end plus the grace, 15 minutes when none is known', () => {
    expect(completesItselfAt({ ...running, graceMinutes: 10 })).toBe(T0 + 35 * MIN);
    expect(completesItselfAt(running)).toBe(T0 + 40 * MIN);
    expect(completesItselfAt({ ...running, pausedTotalMs: 5 * MIN, graceMinutes: 1 })).toBe(T0 + 31 * MIN);
  });

  it('is never for a paused session', () => {
    expect(completesItselfAt({ ...running, status: 'paused' })).toBeNull();
  });
});

describe('timerDisplay, the one clock', () => {
  const show = (session: Parameters<typeof computeTimer>[0], at: number, status: 'running' | 'paused' = 'running') =>
    timerDisplay({ status }, computeTimer(session, at));

  it('shows the time left in the phase, not in the session: a 2-minute pomodoro of 1-minute phases starts at 1:00', () => {
    const session = pomodoro(2, { focusMinutes: 1, shortBreakMinutes: 1, longBreakMinutes: 1, cyclesBeforeLongBreak: 4 });
    expect(show(session, T0)).toEqual({ clock: '1:00', label: 'Focus', title: '1:00 · Focus' });
  });

  it('titles a running single focus and each pomodoro phase, every break as a break', () => {
    expect(show(plain(25), T0 + 10 * MIN + 26_000)).toEqual({ clock: '14:34', label: 'Focus', title: '14:34 · Focus' });
    expect(show(pomodoro(180), T0 + 25 * MIN + 1_000)).toEqual({ clock: '4:59', label: 'Short break', title: '4:59 · Break' });
    expect(show(pomodoro(180), T0 + 125 * MIN)).toEqual({ clock: '5:00', label: 'Long break', title: '5:00 · Break' });
  });

  it("says Time's up at 0:00, whatever the mode", () => {
    const up = { clock: '0:00', label: "Time's up", title: "Time's up" };
    expect(show(plain(25), T0 + 25 * MIN)).toEqual(up);
    expect(show(pomodoro(60), T0 + 3 * 60 * MIN)).toEqual(up);
  });

  it('keeps the clock while paused and gives the tab its own title back', () => {
    expect(show(plain(25, { pausedAt: T0 + 5 * MIN }), T0 + 20 * MIN, 'paused')).toEqual({ clock: '20:00', label: 'Paused', title: null });
  });
});
