import fc from 'fast-check';
import { RRule } from 'rrule';
import { describe, expect, it } from 'vitest';
import { addDays } from './days';
import { nextOccurrenceId, type Recurrence } from './recurrence';
import { recurrenceProblem } from './recurrence-rule';
import { recurrenceFor } from './repeat-choice';
import { describeRecurrence, nextDueDay } from './repeat-rules';

const due = (rule: string): Recurrence => ({ rule, from: 'due' });

describe('nextDueDay', () => {
  it.each([
    ['daily', due('FREQ=DAILY'), '2026-03-07', '2026-03-07', '2026-03-08'],
    ['weekdays skip the weekend', recurrenceFor({ kind: 'weekdays' }), '2026-03-06', '2026-03-06', '2026-03-09'],
    ['weekly on Monday and Wednesday', due('FREQ=WEEKLY;BYDAY=MO,WE'), '2026-03-09', '2026-03-09', '2026-03-11'],
    ['weekly, due off the rule (a Tuesday)', due('FREQ=WEEKLY;BYDAY=MO'), '2026-03-10', '2026-03-10', '2026-03-16'],
    ['monthly on the 31st skips short months', due('FREQ=MONTHLY;BYMONTHDAY=31'), '2026-01-31', '2026-01-31', '2026-03-31'],
    ['monthly on the last day', due('FREQ=MONTHLY;BYMONTHDAY=-1'), '2026-01-31', '2026-01-31', '2026-02-28'],
    ['every 3 days', recurrenceFor({ kind: 'everyNDays', n: 3 }), '2026-03-07', '2026-03-07', '2026-03-10'],
    ['every 3 days, completed early', recurrenceFor({ kind: 'everyNDays', n: 3 }), '2026-03-07', '2026-03-05', '2026-03-10'],
    ['daily, overdue: the missed days are skipped', due('FREQ=DAILY'), '2026-03-01', '2026-03-07', '2026-03-07'],
    ['2 days after completion, completed late', recurrenceFor({ kind: 'afterCompletion', n: 2 }), '2026-03-01', '2026-03-07', '2026-03-09'],
    ['yearly on 29 February', due('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29'), '2024-02-29', '2024-02-29', '2028-02-29'],
    ['across the spring DST change (days are floating)', due('FREQ=DAILY'), '2026-03-28', '2026-03-28', '2026-03-29'],
  ])('%s', (_, recurrence, dueDay, completedOn, next) => {
    expect(nextDueDay(recurrence, dueDay, completedOn)).toBe(next);
  });

  it('ends with the rule: nothing after UNTIL', () => {
    expect(nextDueDay(due('FREQ=DAILY;UNTIL=20260308'), '2026-03-07', '2026-03-07')).toBe('2026-03-08');
    expect(nextDueDay(due('FREQ=DAILY;UNTIL=20260308'), '2026-03-08', '2026-03-08')).toBeNull();
  });

  const rules = fc.constantFrom(
    'FREQ=DAILY',
    'FREQ=DAILY;INTERVAL=4',
    'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    'FREQ=WEEKLY;BYDAY=SA',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH',
    'FREQ=MONTHLY;BYMONTHDAY=15',
    'FREQ=MONTHLY;BYMONTHDAY=31',
    'FREQ=MONTHLY;BYDAY=-1FR',
    'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24',
  );
  const days = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n));

  it('completed on its due day, the next date is the second of the library’s own expansion from that day', () => {
    fc.assert(
      fc.property(rules, days, (rule, day) => {
        const expanded = new RRule({ ...RRule.parseString(rule), dtstart: new Date(`${day}T00:00:00Z`) }).all((_, i) => i < 3);
        const next = expanded.find((d) => d.toISOString().slice(0, 10) > day);
        expect(nextDueDay(due(rule), day, day)).toBe(next?.toISOString().slice(0, 10) ?? null);
      }),
    );
  });

  it('is after the due day and never before the day of completion', () => {
    fc.assert(
      fc.property(rules, days, fc.integer({ min: -10, max: 60 }), (rule, day, late) => {
        const completedOn = addDays(day, late);
        const next = nextDueDay(due(rule), day, completedOn);
        expect(next).not.toBeNull();
        expect(next! > day && next! >= completedOn).toBe(true);
      }),
    );
  });
});

describe('recurrenceProblem', () => {
  it.each([
    ['FREQ=DAILY', 'due'],
    ['FREQ=WEEKLY;BYDAY=MO,WE,FR', 'due'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', 'due'],
    ['FREQ=MONTHLY;BYDAY=2TU', 'due'],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', 'due'],
    ['FREQ=DAILY;UNTIL=20271231', 'due'],
    ['FREQ=WEEKLY;INTERVAL=2', 'completion'],
  ] as const)('accepts %s from %s', (rule, from) => {
    expect(recurrenceProblem(rule, from)).toBeNull();
  });

  it.each([
    ['', /1 to 200/],
    ['every monday', /KEY=VALUE/],
    ['FREQ=MINUTELY', /at most once a day/],
    ['FREQ=HOURLY;INTERVAL=24', /at most once a day/],
    ['FREQ=FORTNIGHTLY', /not a known frequency/],
    ['FREQ=DAILY;COUNT=5', /UNTIL/],
    ['DTSTART=20260101;FREQ=DAILY', /DTSTART/],
    ['FREQ=DAILY;BYHOUR=9', /BYHOUR is not supported/],
    ['FREQ=DAILY;FREQ=WEEKLY', /twice/],
    ['FREQ=DAILY;INTERVAL=0', /INTERVAL/],
    ['FREQ=WEEKLY;BYDAY=XX', /not a weekday/],
    ['FREQ=WEEKLY;BYDAY=1MO', /numbered weekday/],
    ['FREQ=DAILY;BYMONTHDAY=3', /BYMONTHDAY needs/],
    ['FREQ=MONTHLY;BYMONTHDAY=32', /1–31/],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', /never comes/],
    ['FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31', /never comes/],
    ['FREQ=DAILY;UNTIL=tomorrow', /UNTIL is a date/],
  ])('refuses %s', (rule, message) => {
    expect(recurrenceProblem(rule)).toMatch(message);
  });

  it('refuses day lists for a repeat counted from completion', () => {
    expect(recurrenceProblem('FREQ=WEEKLY;BYDAY=MO', 'completion')).toMatch(/interval only/);
  });
});

describe('nextOccurrenceId', () => {
  it('numbers the occurrences of a series after its first task id', () => {
    expect(nextOccurrenceId('5b0e1c2d-aaaa-bbbb-cccc-0123456789ab')).toBe('5b0e1c2d-aaaa-bbbb-cccc-0123456789ab_r1');
    expect(nextOccurrenceId('5b0e_r1')).toBe('5b0e_r2');
    expect(nextOccurrenceId('5b0e_r41')).toBe('5b0e_r42');
  });
});

describe('describeRecurrence', () => {
  it.each([
    [due('FREQ=WEEKLY;BYDAY=MO'), 'Every week on Monday'],
    [due('FREQ=MONTHLY;BYMONTHDAY=24'), 'Monthly on the 24th'],
    [due('FREQ=MONTHLY;BYMONTHDAY=-1'), 'Monthly on the last day'],
    [recurrenceFor({ kind: 'afterCompletion', n: 3 }), 'Every 3 days after completion'],
  ])('%j reads “%s”', (recurrence, text) => {
    expect(describeRecurrence(recurrence)).toBe(text);
  });
});

describe('recurrenceProblem without rrule', () => {
  // recurrence.ts checks rules by hand, so that checking one needs no rrule (decision 071): whatever
  // it accepts, rrule must read, from generated rules near and across every limit it checks.
  const weekday = fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU');
  const number = (min: number, max: number) =>
    fc.integer({ min, max }).chain((n) => fc.constantFrom(String(n), `${n >= 0 ? '+' : ''}${n}`, String(n).padStart(3, '0')));
  const part = fc.oneof(
    fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'HOURLY').map((f) => `FREQ=${f}`),
    number(0, 1200).map((n) => `INTERVAL=${n}`),
    fc
      .array(fc.tuple(fc.option(number(-6, 6)), weekday), { minLength: 1, maxLength: 4 })
      .map((days) => `BYDAY=${days.map(([n, d]) => `${n ?? ''}${d}`).join(',')}`),
    fc.array(number(-33, 33), { minLength: 1, maxLength: 3 }).map((days) => `BYMONTHDAY=${days.join(',')}`),
    fc.array(number(0, 13), { minLength: 1, maxLength: 3 }).map((months) => `BYMONTH=${months.join(',')}`),
    fc
      .tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.option(fc.integer({ min: 0, max: 999_999 })), fc.boolean())
      .map(([d, t, z]) => `UNTIL=${String(d).padStart(8, '0')}${t === null ? '' : `T${String(t).padStart(6, '0')}${z ? 'Z' : ''}`}`),
    weekday.map((d) => `WKST=${d}`),
  );

  it('accepts only rules rrule reads', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), fc.constantFrom('due' as const, 'completion' as const), (parts, from) => {
        const rule = parts.join(';');
        if (recurrenceProblem(rule, from) !== null) return;
        accepted += 1;
        expect(() => RRule.parseString(rule)).not.toThrow();
      }),
      { numRuns: 10_000 },
    );
    // The generator reaches accepted rules often enough for the property to mean something.
    expect(accepted).toBeGreaterThan(300);
  });
});
