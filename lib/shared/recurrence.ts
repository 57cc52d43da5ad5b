/**
 * Repeating tasks: an RFC 5545 RRULE value (package `rrule`) anchored on the task's due day, or on
 * the day it was completed. Only the shapes the app offers are accepted, each of which always yields
 * a next date, so a rule is checked without expanding it (the server checks every op it stores).
 */
import { RRule } from 'rrule';
import type { RepeatFrom } from './crdt/ops';
import { addDays } from './days';

export interface Recurrence {
  rule: string;
  from: RepeatFrom;
}

const FREQS = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
const TOO_OFTEN = new Set(['HOURLY', 'MINUTELY', 'SECONDLY']);
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ALLOWED_KEYS = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'UNTIL', 'WKST']);
export const MAX_RULE_LENGTH = 200;

const intIn = (value: string, min: number, max: number) => /^[+-]?\d{1,3}$/.test(value) && Number(value) >= min && Number(value) <= max;

/** Why `rule` is refused, or null when it is a rule this app can repeat by (checked with `from` too). */
export function recurrenceProblem(rule: string, from: RepeatFrom = 'due'): string | null {
  if (rule.length === 0 || rule.length > MAX_RULE_LENGTH) return `A repeat rule has 1 to ${MAX_RULE_LENGTH} characters`;
  const parts = new Map<string, string>();
  for (const part of rule.split(';')) {
    const m = /^([A-Z]+)=([^=;]+)$/.exec(part);
    if (!m) return `“${part}” is not a KEY=VALUE part of an RRULE`;
    if (parts.has(m[1])) return `${m[1]} appears twice`;
    parts.set(m[1], m[2]);
  }
  if (parts.has('COUNT')) return 'Use an end date (UNTIL) instead of COUNT: each occurrence starts the rule again';
  if (parts.has('DTSTART')) return 'Leave DTSTART out: the due date is where the rule starts';
  for (const key of parts.keys()) if (!ALLOWED_KEYS.has(key)) return `${key} is not supported in a repeat rule`;
  const freq = parts.get('FREQ');
  if (!freq) return 'A repeat rule needs FREQ';
  if (TOO_OFTEN.has(freq)) return 'A task repeats at most once a day';
  if (!(FREQS as readonly string[]).includes(freq)) return `FREQ=${freq} is not a known frequency`;
  const interval = parts.get('INTERVAL');
  if (interval !== undefined && !intIn(interval, 1, 999)) return 'INTERVAL is a whole number from 1 to 999';
  const byday = parts.get('BYDAY');
  if (byday !== undefined) {
    const ordinals = freq === 'MONTHLY' || freq === 'YEARLY';
    for (const day of byday.split(',')) {
      const m = /^([+-]?\d)?([A-Z]{2})$/.exec(day);
      if (!m || !(WEEKDAYS as readonly string[]).includes(m[2])) return `BYDAY “${day}” is not a weekday (MO…SU)`;
      if (m[1] !== undefined && (!ordinals || !intIn(m[1], -5, 5) || Number(m[1]) === 0))
        return `BYDAY “${day}”: a numbered weekday needs FREQ=MONTHLY or YEARLY`;
    }
  }
  const bymonth = parts.get('BYMONTH');
  if (bymonth !== undefined && (freq !== 'YEARLY' || !bymonth.split(',').every((m) => intIn(m, 1, 12)))) return 'BYMONTH takes months 1–12, with FREQ=YEARLY';
  const bymonthday = parts.get('BYMONTHDAY');
  if (bymonthday !== undefined) {
    if (freq !== 'MONTHLY' && freq !== 'YEARLY') return 'BYMONTHDAY needs FREQ=MONTHLY or YEARLY';
    const days = bymonthday.split(',');
    if (!days.every((d) => intIn(d, -31, 31) && Number(d) !== 0)) return 'BYMONTHDAY takes days 1–31 (or -1 for the last)';
    // A yearly date that no month of the rule has (30 February) would never come.
    if (bymonth !== undefined) {
      const longest = Math.max(...bymonth.split(',').map((m) => DAYS_IN_MONTH[Number(m) - 1]));
      if (days.every((d) => Math.abs(Number(d)) > longest)) return 'That day never comes in the chosen months';
    }
  }
  const until = parts.get('UNTIL');
  if (until !== undefined && !/^\d{8}(T\d{6}Z?)?$/.test(until)) return 'UNTIL is a date, YYYYMMDD';
  const wkst = parts.get('WKST');
  if (wkst !== undefined && !(WEEKDAYS as readonly string[]).includes(wkst)) return 'WKST is a weekday (MO…SU)';
  if (from === 'completion' && (byday ?? bymonth ?? bymonthday) !== undefined)
    return 'Repeating after completion takes an interval only (every N days, weeks or months)';
  try {
    RRule.parseString(rule);
  } catch {
    return 'Not a repeat rule this app understands';
  }
  return null;
}

export function isRecurrenceRule(rule: string): boolean {
  return recurrenceProblem(rule) === null;
}

// Days are floating dates: rrule works on them as UTC midnights, which have no daylight saving.
const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The due day of the occurrence that follows one due on `dueDay` and completed on `completedOn`
 * (both local days), or null when the rule has ended (UNTIL). Counted from the due day, missed dates
 * are skipped: the next one is after the due day and not before the day of completion.
 */
export function nextDueDay(recurrence: Recurrence, dueDay: string, completedOn: string): string | null {
  const options = RRule.parseString(recurrence.rule);
  if (recurrence.from === 'completion') {
    const start = toDate(completedOn);
    const next = new RRule({ ...options, dtstart: start }).after(start, false);
    return next ? toDay(next) : null;
  }
  const rule = new RRule({ ...options, dtstart: toDate(dueDay) });
  const floor = addDays(completedOn, -1) > dueDay ? addDays(completedOn, -1) : dueDay;
  const next = rule.after(toDate(floor), false);
  return next ? toDay(next) : null;
}

/** The first date of a rule on or after `day`: where a new repeating task without a date starts. */
export function firstDueDay(recurrence: Recurrence, day: string): string {
  if (recurrence.from === 'completion') return day;
  const start = toDate(day);
  const first = new RRule({ ...RRule.parseString(recurrence.rule), dtstart: start }).after(start, true);
  return first ? toDay(first) : day;
}

/**
 * The id of the occurrence after `taskId`: the series' first task id with `_r<n>` (seed-free and
 * the same on every device), so two devices completing one occurrence offline make one next task.
 */
export function nextOccurrenceId(taskId: string): string {
  const m = /^(.+)_r(\d{1,9})$/.exec(taskId);
  return m ? `${m[1]}_r${Number(m[2]) + 1}` : `${taskId}_r1`;
}

const ORDINAL = (n: number) => {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
};

/** A short sentence for a rule ("Every week on Monday", "Every 3 days after completion"). */
export function describeRecurrence(recurrence: Recurrence): string {
  const options = RRule.parseString(recurrence.rule);
  let text: string;
  if (options.freq === RRule.MONTHLY && typeof options.bymonthday === 'number' && !options.byweekday) {
    const every = (options.interval ?? 1) > 1 ? `Every ${options.interval} months` : 'Monthly';
    text = `${every} on the ${options.bymonthday === -1 ? 'last day' : ORDINAL(options.bymonthday)}`;
  } else {
    const raw = new RRule(options).toText();
    text = raw.charAt(0).toUpperCase() + raw.slice(1);
  }
  return recurrence.from === 'completion' ? `${text} after completion` : text;
}

/** The repeat choices the task editor offers, as rules. */
export type RepeatChoice =
  | { kind: 'daily' }
  | { kind: 'weekdays' }
  | { kind: 'weekly'; days: (typeof WEEKDAYS)[number][] }
  | { kind: 'monthly'; day: number }
  | { kind: 'everyNDays'; n: number }
  | { kind: 'afterCompletion'; n: number };

export function recurrenceFor(choice: RepeatChoice): Recurrence {
  switch (choice.kind) {
    case 'daily':
      return { rule: 'FREQ=DAILY', from: 'due' };
    case 'weekdays':
      return { rule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', from: 'due' };
    case 'weekly':
      return { rule: `FREQ=WEEKLY;BYDAY=${choice.days.join(',')}`, from: 'due' };
    case 'monthly':
      return { rule: `FREQ=MONTHLY;BYMONTHDAY=${choice.day}`, from: 'due' };
    case 'everyNDays':
      return { rule: choice.n === 1 ? 'FREQ=DAILY' : `FREQ=DAILY;INTERVAL=${choice.n}`, from: 'due' };
    case 'afterCompletion':
      return { rule: choice.n === 1 ? 'FREQ=DAILY' : `FREQ=DAILY;INTERVAL=${choice.n}`, from: 'completion' };
  }
}

/** The editor's choice a stored rule is, or null for a rule it cannot show (made elsewhere): kept as is. */
export function choiceOf(recurrence: Recurrence): RepeatChoice | null {
  const parts = new Map(recurrence.rule.split(';').map((p) => p.split('=') as [string, string]));
  const interval = Number(parts.get('INTERVAL') ?? 1);
  const keys = [...parts.keys()].sort().join(',');
  if (recurrence.from === 'completion') return parts.get('FREQ') === 'DAILY' && !parts.has('BYDAY') ? { kind: 'afterCompletion', n: interval } : null;
  if (keys === 'FREQ' && parts.get('FREQ') === 'DAILY') return { kind: 'daily' };
  if (keys === 'FREQ,INTERVAL' && parts.get('FREQ') === 'DAILY') return { kind: 'everyNDays', n: interval };
  if (keys === 'BYDAY,FREQ' && parts.get('FREQ') === 'WEEKLY') {
    const days = parts.get('BYDAY')!.split(',');
    if (days.join(',') === 'MO,TU,WE,TH,FR') return { kind: 'weekdays' };
    if (days.every((d) => (WEEKDAYS as readonly string[]).includes(d))) return { kind: 'weekly', days: days as (typeof WEEKDAYS)[number][] };
  }
  if (keys === 'BYMONTHDAY,FREQ' && parts.get('FREQ') === 'MONTHLY') return { kind: 'monthly', day: Number(parts.get('BYMONTHDAY')) };
  return null;
}

export { WEEKDAYS };
