/**
 * Repeating tasks: an RFC 5545 RRULE value anchored on the task's due day, or on the day it was
 * completed. Only the shapes the app offers are accepted, each of which always yields a next date,
 * so a rule is checked here without expanding it (the server checks every op it stores).
 *
 * Expanding a rule and putting it in words takes the `rrule` package (about 14 KB compressed): it is
 * in `repeat-rules.ts`, which a browser loads with its first repeating task (`loadRepeatRules`), not
 * with every tasks page (decision 071).
 */
import type { RepeatFrom } from './crdt/ops';

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
  // Every rule these checks accept, rrule reads (recurrence.test.ts holds the two together).
  return null;
}

export function isRecurrenceRule(rule: string): boolean {
  return recurrenceProblem(rule) === null;
}

/**
 * The id of the occurrence after `taskId`: the series' first task id with `_r<n>` (seed-free and
 * the same on every device), so two devices completing one occurrence offline make one next task.
 */
export function nextOccurrenceId(taskId: string): string {
  const m = /^(.+)_r(\d{1,9})$/.exec(taskId);
  return m ? `${m[1]}_r${Number(m[2]) + 1}` : `${taskId}_r1`;
}

type RepeatRules = typeof import('./repeat-rules');

let rules: RepeatRules | null = null;
let loading: Promise<RepeatRules> | null = null;

/** Loads the rules' expansion and words (once); resolves with them. */
export function loadRepeatRules(): Promise<RepeatRules> {
  loading ??= import('./repeat-rules').then((loaded) => (rules = loaded));
  return loading;
}

/**
 * Hands over the rules a caller imported itself, as if `loadRepeatRules` had loaded them: for a test
 * runner or tool whose `import()` would reach `rrule`'s ES module build untransformed.
 */
export function provideRepeatRules(loaded: RepeatRules): void {
  rules = loaded;
  loading = Promise.resolve(loaded);
}

/** The rules' expansion and words if they are loaded, else null (`loadRepeatRules` loads them). */
export function repeatRules(): RepeatRules | null {
  return rules;
}

/** Thrown, before anything changed, by an edit that needs the rules while they are not loaded yet. */
export class RepeatRulesNeeded extends Error {
  constructor() {
    super('The repeat rules are not loaded yet: await loadRepeatRules() and make the edit again');
  }
}

/** The loaded rules, for an edit that cannot go on without them. */
export function needRepeatRules(): RepeatRules {
  if (!rules) throw new RepeatRulesNeeded();
  return rules;
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
