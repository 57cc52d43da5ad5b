import { ASSESSMENTS, type AssessmentKind } from './assessments';
import { addDays, localDay, startOfDay } from './days';

/** How often a scheduled check-in comes due, in the user's own calendar. */
export const CADENCES = ['daily', 'weekly', 'monthly'] as const;
export type Cadence = (typeof CADENCES)[number];

/** A check-in whose time has come; the Today page shows one card per item. */
export interface DueCheckin {
  scheduleId: string;
  kind: AssessmentKind;
  title: string;
  dueAt: number;
}

const DAY_MS = 24 * 3600_000;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  // The 31st of a short month is its last day.
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds past local midnight on the wall clock of `timeZone` (09:30 → 9.5 h, DST or not). */
function wallClockMs(at: number, timeZone: string): number {
  let f = clockFormatters.get(timeZone);
  if (!f)
    clockFormatters.set(
      timeZone,
      (f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' })),
    );
  const parts = f.formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000 + (((at % 1000) + 1000) % 1000);
}

function stepDay(day: string, cadence: Cadence, steps: number): string {
  if (cadence === 'daily') return addDays(day, steps);
  if (cadence === 'weekly') return addDays(day, 7 * steps);
  return addMonths(day, steps);
}

/**
 * The due time `steps` cadences after `dueAt`, at the same local time of day in `timeZone`
 * (so a 09:00 check-in stays at 09:00 across daylight-saving changes).
 */
export function advanceDue(dueAt: number, cadence: Cadence, timeZone: string, steps = 1): number {
  const wall = wallClockMs(dueAt, timeZone);
  const guess = startOfDay(stepDay(localDay(dueAt, timeZone), cadence, steps), timeZone) + wall;
  // On a day whose clocks change, elapsed time since midnight and the wall clock differ by the shift
  // (late evening on a short day wraps past midnight, hence the ±12 h fold).
  const shift = wall - wallClockMs(guess, timeZone);
  return guess + (shift > 12 * 3600_000 ? shift - DAY_MS : shift < -12 * 3600_000 ? shift + DAY_MS : shift);
}

/**
 * Where a schedule due at `dueAt` moves once it is taken at `takenAt`: forward by whole
 * cadences to the first occurrence after `takenAt`, so missed occurrences do not pile up.
 */
export function nextDueAfter(dueAt: number, cadence: Cadence, takenAt: number, timeZone: string): number {
  const gapDays = daysBetween(localDay(dueAt, timeZone), localDay(takenAt, timeZone));
  // Jump close to takenAt first (a month is at most 31 days, so never past it), then step one cadence at a time.
  const perStep = cadence === 'daily' ? 1 : cadence === 'weekly' ? 7 : 31;
  let steps = Math.max(1, Math.floor(gapDays / perStep) - 1);
  let next = advanceDue(dueAt, cadence, timeZone, steps);
  while (next <= takenAt) next = advanceDue(dueAt, cadence, timeZone, ++steps);
  return next;
}

export interface ScheduleLike {
  id: string;
  kind: AssessmentKind;
  nextDueAt: number;
  enabled: boolean;
}

export function isDue(schedule: Pick<ScheduleLike, 'nextDueAt' | 'enabled'>, now: number): boolean {
  return schedule.enabled && schedule.nextDueAt <= now;
}

/** The enabled schedules due at `now`, longest-waiting first. */
export function dueCheckins(schedules: readonly ScheduleLike[], now: number): DueCheckin[] {
  return schedules
    .filter((s) => isDue(s, now))
    .sort((a, b) => a.nextDueAt - b.nextDueAt || a.id.localeCompare(b.id))
    .map((s) => ({ scheduleId: s.id, kind: s.kind, title: ASSESSMENTS[s.kind].title, dueAt: s.nextDueAt }));
}
