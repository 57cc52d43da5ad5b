import type { FocusActive, FocusSessionRecord, FocusSessionView } from '@/lib/shared/focus';
import type { SseEvent } from '@/lib/shared/realtime';

type Fields = { [K in keyof FocusSessionView]-?: (v: unknown) => boolean };

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const orNull = (check: (v: unknown) => boolean) => (v: unknown) => v === null || check(v);
/** A field an older server does not send. */
const optional = (check: (v: unknown) => boolean) => (v: unknown) => v === undefined || check(v);
const isPomodoro = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  ['focusMinutes', 'shortBreakMinutes', 'longBreakMinutes', 'cyclesBeforeLongBreak'].every((k) => isNumber((v as Record<string, unknown>)[k]));

/** Every field of the session view /api/focus/active returns, with its check. */
const VIEW: Fields = {
  id: isString,
  taskTitle: orNull(isString),
  mode: (v) => v === 'focus' || v === 'pomodoro',
  plannedMinutes: isNumber,
  pomodoro: orNull(isPomodoro),
  status: (v) => v === 'running' || v === 'paused',
  startedAt: isNumber,
  pausedAt: orNull(isNumber),
  pausedTotalMs: isNumber,
  deviceId: orNull(isString),
  updatedAt: isNumber,
  skippedBreakMs: optional(isNumber),
  graceMinutes: optional(isNumber),
};

/** The ended session a `timer:stopped` carries when it completed itself (decision 030). */
const RECORD: { [K in keyof FocusSessionRecord]-?: (v: unknown) => boolean } = {
  id: isString,
  taskTitle: orNull(isString),
  mode: (v) => v === 'focus' || v === 'pomodoro',
  plannedMinutes: isNumber,
  startedAt: isNumber,
  endedAt: isNumber,
  completed: (v) => typeof v === 'boolean',
  focusMs: isNumber,
};

function recordOf(v: unknown): FocusSessionRecord | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  return Object.entries(RECORD).every(([key, check]) => check(r[key]))
    ? (Object.fromEntries(Object.keys(RECORD).map((k) => [k, r[k]])) as unknown as FocusSessionRecord)
    : null;
}

/** The session view inside a `timer` payload, with nothing else, so a later poll of the same state shares it. */
function sessionView(payload: Record<string, unknown>): FocusSessionView | null {
  const view: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(VIEW)) {
    if (!check(payload[key])) return null;
    if (payload[key] !== undefined) view[key] = payload[key];
  }
  return view as unknown as FocusSessionView;
}

/**
 * What a `timer` event makes of /api/focus/active, applied without a request: started, moved and
 * updated carry the whole session view (TimerEventPayload), stopped its id (TimerStoppedPayload) and,
 * when the session completed itself, its record.
 * 'refetch' when the event cannot be applied safely: the throttle folded several changes into it,
 * its shape is unknown, it is older than what is shown, or it stops a session other than the shown one.
 */
export function focusActiveFromTimerEvent(event: SseEvent, current: FocusActive | undefined): FocusActive | 'refetch' {
  if ((event.merged ?? 1) > 1) return 'refetch';
  const payload = event.payload;
  if (typeof payload !== 'object' || payload === null) return 'refetch';
  const p = payload as Record<string, unknown>;
  if (!isNumber(p.serverTime)) return 'refetch';
  // An event built before the data shown may already be part of it, or overtaken: ask the server.
  if (current && p.serverTime < current.serverTime) return 'refetch';
  switch (event.type) {
    case 'started':
    case 'moved':
    case 'updated': {
      const session = sessionView(p);
      return session ? { session, serverTime: p.serverTime } : 'refetch';
    }
    case 'stopped': {
      if (!isString(p.id)) return 'refetch';
      const shown = current?.session?.id ?? null;
      if (shown !== null && shown !== p.id) return 'refetch';
      const completedItself = p.completedItself === undefined ? undefined : recordOf(p.completedItself);
      if (completedItself === null) return 'refetch';
      return completedItself ? { session: null, serverTime: p.serverTime, completedItself } : { session: null, serverTime: p.serverTime };
    }
    default:
      return 'refetch';
  }
}
