/** Focus timer model shared by server and browser: both compute phases from the same numbers. */

export type FocusMode = 'focus' | 'pomodoro';
export type FocusPhase = 'focus' | 'short_break' | 'long_break';

export interface PomodoroSettings {
  focusMinutes: number;
  shortBreakMinutes: number;
  longBreakMinutes: number;
  /** A long break replaces the short one after this many focus phases. */
  cyclesBeforeLongBreak: number;
}

export const DEFAULT_POMODORO: PomodoroSettings = { focusMinutes: 25, shortBreakMinutes: 5, longBreakMinutes: 15, cyclesBeforeLongBreak: 4 };

/** The active session as the API returns it: raw times, so every device derives the same countdown. */
export interface FocusSessionView {
  id: string;
  taskTitle: string | null;
  mode: FocusMode;
  plannedMinutes: number;
  pomodoro: PomodoroSettings | null;
  status: 'running' | 'paused';
  startedAt: number;
  /** Set while paused: the server time the pause began. */
  pausedAt: number | null;
  /** Sum of finished pauses. */
  pausedTotalMs: number;
  /** The device running the timer (the one it was started on or moved to). */
  deviceId: string | null;
  updatedAt: number;
  /** Break time the user skipped: the plan moves on by it (absent from an older server's payload: 0). */
  skippedBreakMs?: number;
  /** Minutes past its planned end after which a forgotten running session completes itself (absent: the default). */
  graceMinutes?: number;
}

/** How long past its planned end a running session waits before it completes itself, unless the user sets otherwise. */
export const DEFAULT_GRACE_MINUTES = 15;

/** An abandoned session that ran less than this is a false start: not one of the day's sessions, abandoned without asking. */
export const FALSE_START_MS = 60_000;

export interface FocusActive {
  session: FocusSessionView | null;
  /** Server clock when the response was built; the browser derives its clock offset from it. */
  serverTime: number;
  /** With no session active: the user's last session, when it completed itself after its grace (decision 030). */
  completedItself?: FocusSessionRecord;
}

export interface FocusSessionRecord {
  id: string;
  taskTitle: string | null;
  mode: FocusMode;
  plannedMinutes: number;
  startedAt: number;
  endedAt: number;
  completed: boolean;
  focusMs: number;
}

export interface TimerState {
  phase: FocusPhase;
  /** 0-based number of the current phase in the session. */
  phaseIndex: number;
  /** Completed focus phases so far (pomodoro). */
  cycle: number;
  phaseRemainingMs: number;
  elapsedMs: number;
  remainingMs: number;
  /** Time spent in focus phases (all of it in plain focus mode). */
  focusMs: number;
  finished: boolean;
}

const MIN = 60_000;

type Timing = Pick<FocusSessionView, 'startedAt' | 'pausedAt' | 'pausedTotalMs' | 'plannedMinutes' | 'skippedBreakMs'>;

/** How far along its plan the session is at server time `now`: unpaused time plus skipped breaks, capped at the planned length. */
export function activeElapsedMs(s: Timing, now: number): number {
  const end = s.pausedAt ?? now;
  return Math.min(Math.max(0, end - s.startedAt - s.pausedTotalMs + (s.skippedBreakMs ?? 0)), s.plannedMinutes * MIN);
}

/** Server ms at which a running session reaches its planned length (it moves with pauses, skips and extensions). */
export function plannedEndAt(s: Omit<Timing, 'pausedAt'>): number {
  return s.startedAt + s.pausedTotalMs - (s.skippedBreakMs ?? 0) + s.plannedMinutes * MIN;
}

/**
 * When a running session completes itself if nobody ends it: its planned end plus its grace. Null
 * while paused: a paused timer never reaches its end (decision 030).
 */
export function completesItselfAt(s: Pick<FocusSessionView, 'status' | 'graceMinutes'> & Omit<Timing, 'pausedAt'>): number | null {
  return s.status === 'running' ? plannedEndAt(s) + (s.graceMinutes ?? DEFAULT_GRACE_MINUTES) * MIN : null;
}

export function computeTimer(s: Timing & Pick<FocusSessionView, 'mode' | 'pomodoro'>, now: number): TimerState {
  const planned = s.plannedMinutes * MIN;
  const elapsed = activeElapsedMs(s, now);
  const finished = elapsed >= planned;
  if (s.mode !== 'pomodoro' || !s.pomodoro) {
    return {
      phase: 'focus',
      phaseIndex: 0,
      cycle: 0,
      phaseRemainingMs: planned - elapsed,
      elapsedMs: elapsed,
      remainingMs: planned - elapsed,
      focusMs: elapsed,
      finished,
    };
  }
  const p = s.pomodoro;
  let start = 0;
  let focusMs = 0;
  let cycle = 0;
  for (let index = 0; ; index++) {
    const isFocus = index % 2 === 0;
    const phase: FocusPhase = isFocus ? 'focus' : cycle % p.cyclesBeforeLongBreak === 0 ? 'long_break' : 'short_break';
    const length = (phase === 'focus' ? p.focusMinutes : phase === 'long_break' ? p.longBreakMinutes : p.shortBreakMinutes) * MIN;
    const end = Math.min(start + length, planned);
    if (elapsed < end || end >= planned) {
      if (isFocus) focusMs += Math.max(0, elapsed - start);
      return {
        phase,
        phaseIndex: index,
        cycle,
        phaseRemainingMs: Math.max(0, end - elapsed),
        elapsedMs: elapsed,
        remainingMs: planned - elapsed,
        focusMs,
        finished,
      };
    }
    if (isFocus) {
      focusMs += length;
      cycle += 1;
    }
    start = end;
  }
}

export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(sec).padStart(2, '0')}`;
}

export const PHASE_LABEL: Record<FocusPhase, string> = { focus: 'Focus', short_break: 'Short break', long_break: 'Long break' };

export const TIMES_UP = "Time's up";

/** What every place that shows the timer shows: the header badge, the bottom bar, /focus and the tab title. */
export interface TimerDisplay {
  /** Time left in the current phase (the whole session in single focus), 0:00 once time is up. */
  clock: string;
  /** The phase, "Paused" or "Time's up". */
  label: string;
  /** The tab title while the session runs ("12:34 · Focus", "4:59 · Break", "Time's up"); null: the page's own. */
  title: string | null;
}

/** The one clock (issue "one truth", item 3): every view of the timer formats it here and nowhere else. */
export function timerDisplay(session: Pick<FocusSessionView, 'status'>, state: TimerState): TimerDisplay {
  if (state.finished) return { clock: formatClock(0), label: TIMES_UP, title: TIMES_UP };
  const clock = formatClock(state.phaseRemainingMs);
  if (session.status === 'paused') return { clock, label: 'Paused', title: null };
  return { clock, label: PHASE_LABEL[state.phase], title: `${clock} · ${state.phase === 'focus' ? 'Focus' : 'Break'}` };
}
