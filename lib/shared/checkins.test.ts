import { describe, expect, it } from 'vitest';
import { advanceDue, dueCheckins, nextDueAfter } from './checkins';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('advancing a schedule by its cadence', () => {
  it('moves a daily, weekly and monthly check-in on by one day, week and month', () => {
    const due = Date.UTC(2026, 0, 15, 9);
    expect(advanceDue(due, 'daily', 'UTC')).toBe(Date.UTC(2026, 0, 16, 9));
    expect(advanceDue(due, 'weekly', 'UTC')).toBe(Date.UTC(2026, 0, 22, 9));
    expect(advanceDue(due, 'monthly', 'UTC')).toBe(Date.UTC(2026, 1, 15, 9));
  });

  it('keeps the local time of day across a daylight-saving change', () => {
    // 09:00 in Paris is 08:00 UTC in winter and 07:00 UTC in summer (clocks go forward on 2026-03-29).
    expect(advanceDue(Date.UTC(2026, 2, 28, 8), 'daily', 'Europe/Paris')).toBe(Date.UTC(2026, 2, 29, 7));
    expect(advanceDue(Date.UTC(2026, 2, 25, 8), 'weekly', 'Europe/Paris')).toBe(Date.UTC(2026, 3, 1, 7));
    // 23:30 on the short day itself, and 09:00 across the autumn change (2026-10-25).
    expect(advanceDue(Date.UTC(2026, 2, 28, 22, 30), 'daily', 'Europe/Paris')).toBe(Date.UTC(2026, 2, 29, 21, 30));
    expect(advanceDue(Date.UTC(2026, 9, 24, 7), 'daily', 'Europe/Paris')).toBe(Date.UTC(2026, 9, 25, 8));
  });

  it('puts a monthly check-in on the 31st on the last day of a shorter month, and back on the 31st after', () => {
    const jan31 = Date.UTC(2026, 0, 31, 18);
    expect(advanceDue(jan31, 'monthly', 'UTC')).toBe(Date.UTC(2026, 1, 28, 18));
    expect(advanceDue(jan31, 'monthly', 'UTC', 2)).toBe(Date.UTC(2026, 2, 31, 18));
    expect(advanceDue(Date.UTC(2026, 11, 15), 'monthly', 'UTC')).toBe(Date.UTC(2027, 0, 15));
  });

  it('counts days in the user’s time zone, not in UTC', () => {
    // 23:30 on Jan 15 in New York is already Jan 16 in UTC.
    const due = Date.UTC(2026, 0, 16, 4, 30);
    expect(advanceDue(due, 'daily', 'America/New_York')).toBe(due + DAY);
    expect(advanceDue(due, 'monthly', 'America/New_York')).toBe(Date.UTC(2026, 1, 16, 4, 30));
  });
});

describe('the next due time after taking a check-in', () => {
  it('is one cadence later when taken on time', () => {
    const due = Date.UTC(2026, 4, 4, 9);
    expect(nextDueAfter(due, 'daily', due + HOUR, 'UTC')).toBe(due + DAY);
    expect(nextDueAfter(due, 'weekly', due, 'UTC')).toBe(due + 7 * DAY);
  });

  it('skips the occurrences missed while away, landing on the first one after the taking', () => {
    const due = Date.UTC(2026, 4, 4, 9);
    expect(nextDueAfter(due, 'daily', Date.UTC(2026, 4, 10, 8), 'UTC')).toBe(Date.UTC(2026, 4, 10, 9));
    expect(nextDueAfter(due, 'daily', Date.UTC(2026, 4, 10, 10), 'UTC')).toBe(Date.UTC(2026, 4, 11, 9));
    expect(nextDueAfter(due, 'weekly', Date.UTC(2026, 4, 25, 12), 'UTC')).toBe(Date.UTC(2026, 5, 1, 9));
    expect(nextDueAfter(due, 'monthly', Date.UTC(2026, 7, 20), 'UTC')).toBe(Date.UTC(2026, 8, 4, 9));
  });

  it('lands on the first monthly occurrence after years away, never beyond it', () => {
    const due = Date.UTC(2020, 0, 31, 9);
    expect(nextDueAfter(due, 'monthly', Date.UTC(2026, 1, 10), 'UTC')).toBe(Date.UTC(2026, 1, 28, 9));
    expect(nextDueAfter(due, 'monthly', Date.UTC(2026, 2, 1), 'UTC')).toBe(Date.UTC(2026, 2, 31, 9));
  });

  it('is always later than the taking, whatever the cadence', () => {
    const due = Date.UTC(2026, 0, 1, 23, 59);
    for (const cadence of ['daily', 'weekly', 'monthly'] as const) {
      for (let gap = 0; gap < 400 * DAY; gap += 13 * DAY + 7 * HOUR) {
        const taken = due + gap;
        const next = nextDueAfter(due, cadence, taken, 'Europe/Berlin');
        expect(next).toBeGreaterThan(taken);
        expect(advanceDue(next, cadence, 'Europe/Berlin') > taken).toBe(true);
      }
    }
  });
});

describe('the check-ins due now', () => {
  it('lists enabled schedules due at or before now, longest-waiting first, with their title', () => {
    const now = Date.UTC(2026, 0, 10, 12);
    const due = dueCheckins(
      [
        { id: 'later', kind: 'mood-check', nextDueAt: now + 1, enabled: true },
        { id: 'now', kind: 'mood-check', nextDueAt: now, enabled: true },
        { id: 'off', kind: 'mood-check', nextDueAt: now - DAY, enabled: false },
        { id: 'old', kind: 'wellbeing-check', nextDueAt: now - 2 * DAY, enabled: true },
      ],
      now,
    );
    expect(due).toEqual([
      { scheduleId: 'old', kind: 'wellbeing-check', title: 'Wellbeing check', dueAt: now - 2 * DAY },
      { scheduleId: 'now', kind: 'mood-check', title: 'Mood check', dueAt: now },
    ]);
  });
});
