import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FocusSessionView } from '@/lib/shared/focus';
import { runningSession } from '@/test/fixtures/focus-session';
import { systemClock } from '../clock';
import { elect } from '../leader';
import { FakeLifecycle, FakeLockManager, MemoryStorage } from '../test-env';
import { EndSignals, focusCompleteText, nextSignal, type EndSignal } from './end-signal';

const S = 1000;
const M = 60 * S;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

const session = (over: Partial<FocusSessionView> = {}) => runningSession(T0, { taskTitle: 'Write Q1 memo', ...over });

const POMODORO = { focusMinutes: 25, shortBreakMinutes: 5, longBreakMinutes: 15, cyclesBeforeLongBreak: 4 };

describe('the notification text', () => {
  it('names the minutes and the task, or the minutes alone', () => {
    expect(focusCompleteText(25, 'Write Q1 memo')).toBe('Focus complete — 25 min on Write Q1 memo');
    expect(focusCompleteText(25, null)).toBe('Focus complete — 25 min');
  });
});

describe('nextSignal', () => {
  it('is the planned end of a single focus session, keyed by its planned minutes', () => {
    expect(nextSignal(session(), T0 + 10 * M)).toEqual({ key: 's1:end:25', at: T0 + 25 * M, title: 'Focus complete — 25 min on Write Q1 memo' });
    // Once time is up it stays the end just past, so a tab that leads late still knows it.
    expect(nextSignal(session(), T0 + 26 * M)).toMatchObject({ key: 's1:end:25', at: T0 + 25 * M });
    expect(nextSignal(session({ plannedMinutes: 30, pausedTotalMs: 2 * M }), T0 + 27 * M)).toMatchObject({ key: 's1:end:30', at: T0 + 32 * M });
  });

  it('is each phase change of a pomodoro, then its end with its focus minutes', () => {
    const pomodoro = session({ mode: 'pomodoro', pomodoro: POMODORO, plannedMinutes: 60, taskTitle: null });
    expect(nextSignal(pomodoro, T0)).toEqual({ key: 's1:phase:0', at: T0 + 25 * M, title: 'Focus complete — 25 min', body: 'Time for a 5-min break.' });
    expect(nextSignal(pomodoro, T0 + 26 * M)).toEqual({ key: 's1:phase:1', at: T0 + 30 * M, title: 'Break over', body: 'Back to focus.' });
    expect(nextSignal(pomodoro, T0 + 31 * M)).toEqual({
      key: 's1:phase:2',
      at: T0 + 55 * M,
      title: 'Focus complete — 25 min',
      body: 'Time for a 5-min break.',
    });
    expect(nextSignal(pomodoro, T0 + 56 * M)).toEqual({ key: 's1:end:60', at: T0 + 60 * M, title: 'Focus complete — 50 min' });
  });

  it('is nothing while paused', () => {
    expect(nextSignal(session({ status: 'paused', pausedAt: T0 + M }), T0 + 2 * M)).toBeNull();
  });
});

type Heard = EndSignal & { heardAt: number };

/** Tabs of one browser: one lock manager, one localStorage. */
function browser() {
  const storage = new MemoryStorage();
  const tabs: { signals: EndSignals; lifecycle: FakeLifecycle; heard: Heard[] }[] = [];
  return {
    storage,
    tabs,
    open(shown: FocusSessionView | null, serverNow = () => Date.now()) {
      const lifecycle = new FakeLifecycle();
      const heard: Heard[] = [];
      const signals = new EndSignals({
        elect: (onChange) => elect('pos-focus-end:u1', onChange),
        lifecycle,
        clock: systemClock,
        storage,
        storageKey: 'pos:focus-signalled:u1',
        signal: (s) => heard.push({ ...s, heardAt: Date.now() }),
      });
      signals.update(shown, serverNow);
      const tab = { signals, lifecycle, heard };
      tabs.push(tab);
      return tab;
    },
    heard: () => tabs.flatMap((t) => t.heard.map((s) => s.key)),
  };
}

let b: ReturnType<typeof browser>;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  Object.defineProperty(navigator, 'locks', { value: new FakeLockManager(), configurable: true });
  b = browser();
});
afterEach(() => {
  for (const t of b.tabs) t.signals.dispose();
  delete (navigator as { locks?: unknown }).locks;
  vi.useRealTimers();
});

describe('EndSignals across the tabs of a browser', () => {
  it('signals the end once, from the leader only, at 0:00', async () => {
    const first = b.open(session());
    const second = b.open(session());
    await vi.advanceTimersByTimeAsync(0);
    expect([first.signals.isLeader(), second.signals.isLeader()]).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(25 * M - 1);
    expect(b.heard()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(first.heard.map((s) => s.title)).toEqual(['Focus complete — 25 min on Write Q1 memo']);
    await vi.advanceTimersByTimeAsync(10 * M);
    expect(b.heard()).toEqual(['s1:end:25']);
  });

  it('hands over when the leader closes, and the new leader never repeats a moment already signalled', async () => {
    const first = b.open(session());
    const second = b.open(session());
    await vi.advanceTimersByTimeAsync(20 * M);
    first.lifecycle.emit('pagehide');
    await vi.advanceTimersByTimeAsync(0);
    expect(second.signals.isLeader()).toBe(true);
    await vi.advanceTimersByTimeAsync(5 * M);
    expect(second.heard.map((s) => s.key)).toEqual(['s1:end:25']);
    // The end signalled, its tab closes: the next leader finds it already told.
    second.lifecycle.emit('pagehide');
    first.lifecycle.emit({ type: 'pageshow', persisted: true });
    await vi.advanceTimersByTimeAsync(M);
    expect(b.heard()).toEqual(['s1:end:25']);
  });

  it('signals an end found within a minute, not one long past', async () => {
    vi.setSystemTime(T0 + 25 * M + 30 * S);
    const late = b.open(session());
    await vi.advanceTimersByTimeAsync(0);
    expect(late.heard.map((s) => s.key)).toEqual(['s1:end:25']);

    const stale = browser();
    stale.open(session({ id: 's2', startedAt: T0 - 10 * M }));
    await vi.advanceTimersByTimeAsync(0);
    expect(stale.heard()).toEqual([]);
    stale.tabs[0].signals.dispose();
  });

  it('follows the shown session: nothing while paused, a new end after "+5 min", on the server clock', async () => {
    const skew = 3 * S;
    const serverNow = () => Date.now() + skew;
    const tab = b.open(session({ startedAt: T0 + skew }), serverNow);
    await vi.advanceTimersByTimeAsync(10 * M);
    tab.signals.update(session({ startedAt: T0 + skew, status: 'paused', pausedAt: T0 + skew + 10 * M }), serverNow);
    await vi.advanceTimersByTimeAsync(30 * M);
    expect(tab.heard).toEqual([]);
    // Resumed after 30 minutes: 15 left.
    tab.signals.update(session({ startedAt: T0 + skew, pausedTotalMs: 30 * M }), serverNow);
    await vi.advanceTimersByTimeAsync(15 * M);
    expect(tab.heard.map((s) => [s.key, s.heardAt])).toEqual([['s1:end:25', T0 + 55 * M]]);
    // "+5 min" a minute after the end: five more minutes from now, and a second 0:00.
    await vi.advanceTimersByTimeAsync(M);
    tab.signals.update(session({ startedAt: T0 + skew, pausedTotalMs: 31 * M, plannedMinutes: 30 }), serverNow);
    await vi.advanceTimersByTimeAsync(5 * M);
    expect(tab.heard.map((s) => [s.key, s.heardAt])).toEqual([
      ['s1:end:25', T0 + 55 * M],
      ['s1:end:30', T0 + 61 * M],
    ]);
  });

  it('signals every phase change of a pomodoro, then its end', async () => {
    const tab = b.open(session({ mode: 'pomodoro', pomodoro: POMODORO, plannedMinutes: 60 }));
    await vi.advanceTimersByTimeAsync(2 * 60 * M);
    expect(tab.heard.map((s) => s.key)).toEqual(['s1:phase:0', 's1:phase:1', 's1:phase:2', 's1:end:60']);
    expect(tab.heard[1]).toMatchObject({ title: 'Break over', body: 'Back to Write Q1 memo.' });
  });
});
