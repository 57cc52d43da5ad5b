/**
 * Checking a repeat rule without expanding it: only the shapes the app offers are accepted, each of
 * which always yields a next date. The server checks every op it stores with it, and the tasks engine
 * every op it reads; a page that only shows tasks does not load it.
 */
import type { RepeatFrom } from './crdt/ops';
import { WEEKDAYS } from './recurrence';

const FREQS = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
const TOO_OFTEN = new Set(['HOURLY', 'MINUTELY', 'SECONDLY']);
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
