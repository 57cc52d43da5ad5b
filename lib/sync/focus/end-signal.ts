import { computeTimer, plannedEndAt, type FocusSessionView } from '@/lib/shared/focus';
import type { Clock } from '../clock';
import type { Election } from '../leader';
import { leadAcrossLifecycle, type Leadership } from '../leadership';
import type { LifecycleSource } from '../lifecycle';

/** A 0:00 the user hears of: the session's end, or a pomodoro phase giving way to the next. */
export interface EndSignal {
  /** Names the moment: one already signalled in this browser is never signalled again. */
  key: string;
  /** Server ms. */
  at: number;
  title: string;
  body?: string;
}

const MIN = 60_000;

/** "Focus complete — 25 min on Write Q1 memo", or without a task "Focus complete — 25 min". */
export function focusCompleteText(minutes: number, taskTitle: string | null): string {
  return `Focus complete — ${minutes} min${taskTitle ? ` on ${taskTitle}` : ''}`;
}

/** The next 0:00 of a running session at server time `now`: once time is up, the end just past; null while paused. */
export function nextSignal(s: FocusSessionView, now: number): EndSignal | null {
  if (s.status !== 'running') return null;
  const timer = computeTimer(s, now);
  if (timer.finished || timer.remainingMs === timer.phaseRemainingMs) {
    const at = plannedEndAt(s);
    const minutes = Math.round(computeTimer(s, at).focusMs / MIN);
    // The planned minutes are in the key: "+5 min" makes a new end to signal.
    return { key: `${s.id}:end:${s.plannedMinutes}`, at, title: focusCompleteText(minutes, s.taskTitle) };
  }
  const at = now + timer.phaseRemainingMs;
  const key = `${s.id}:phase:${timer.phaseIndex}`;
  if (timer.phase === 'focus') {
    const breakMinutes = Math.round(computeTimer(s, at).phaseRemainingMs / MIN);
    return { key, at, title: focusCompleteText(s.pomodoro?.focusMinutes ?? 0, s.taskTitle), body: `Time for a ${breakMinutes}-min break.` };
  }
  return { key, at, title: 'Break over', body: s.taskTitle ? `Back to ${s.taskTitle}.` : 'Back to focus.' };
}

/** A 0:00 found this late (a tab opened long after the end) is old news, not signalled. */
export const LATE_LIMIT_MS = 60_000;

export interface EndSignalsOptions {
  /** Joins the "timer end" election of this browser's tabs, e.g. `(on) => elect(\`pos-focus-end:${userId}\`, on)`. */
  elect: (onChange: (leader: boolean) => void) => Election;
  lifecycle: LifecycleSource;
  /** Timers that keep time in a hidden tab (hiddenSafeClock): the end must be heard from a background tab. */
  clock: Clock;
  /** Shared by the tabs (localStorage): the last moment signalled, so a new leader never repeats it. */
  storage: Storage | null;
  storageKey: string;
  signal(s: EndSignal): void;
}

/**
 * Chimes and notifies at each 0:00, from one tab of the browser: the leader of the "timer end"
 * election schedules the next moment; another tab takes over when it closes or freezes.
 */
export class EndSignals {
  private session: FocusSessionView | null = null;
  private serverNow: () => number = () => Date.now();
  private timer: unknown = null;
  private remembered: string | null = null;
  private readonly leadership: Leadership;

  constructor(private readonly o: EndSignalsOptions) {
    this.leadership = leadAcrossLifecycle({ elect: o.elect, lifecycle: o.lifecycle, onChange: () => this.schedule() });
  }

  /** The session shown now and the server clock, after every change of either. */
  update(session: FocusSessionView | null, serverNow: () => number): void {
    this.session = session;
    this.serverNow = serverNow;
    this.schedule();
  }

  isLeader(): boolean {
    return this.leadership.isLeader();
  }

  dispose(): void {
    this.cancel();
    this.leadership.dispose();
  }

  private schedule(): void {
    this.cancel();
    if (!this.session || !this.leadership.isLeader()) return;
    const now = this.serverNow();
    const next = nextSignal(this.session, now);
    if (!next) return;
    const wait = next.at - now;
    if (wait <= 0) {
      if (-wait <= LATE_LIMIT_MS) this.fire(next);
      return;
    }
    this.timer = this.o.clock.setTimeout(() => {
      this.timer = null;
      this.fire(next);
      this.schedule();
    }, wait);
  }

  private cancel(): void {
    if (this.timer !== null) this.o.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(s: EndSignal): void {
    if (this.last() === s.key) return;
    this.remember(s.key);
    this.o.signal(s);
  }

  private last(): string | null {
    try {
      return this.o.storage?.getItem(this.o.storageKey) ?? this.remembered;
    } catch {
      return this.remembered;
    }
  }

  private remember(key: string): void {
    this.remembered = key;
    try {
      this.o.storage?.setItem(this.o.storageKey, key);
    } catch {
      // Storage blocked: this tab still remembers it.
    }
  }
}
