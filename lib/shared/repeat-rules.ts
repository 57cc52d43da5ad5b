/**
 * Expanding a repeat rule and putting it in words, with the `rrule` package. Loaded on demand in a
 * browser (`loadRepeatRules` in recurrence.ts, decision 071); the rules themselves are checked there.
 */
import { RRule } from 'rrule';
import { addDays } from './days';
import type { Recurrence } from './recurrence';

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
