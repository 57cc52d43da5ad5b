import { describe, expect, it } from 'vitest';
import { reminderAt, reminderProblem } from './reminders';

const task = (dueDay: string | null, dueTime: string | null, reminder: number | null) => ({ dueDay, dueTime, reminder });

describe('reminderAt', () => {
  it('is the due time in the user’s zone minus the reminder', () => {
    expect(reminderAt(task('2026-03-09', '17:00', 30), 'America/New_York')).toBe(Date.parse('2026-03-09T16:30:00-04:00'));
    expect(reminderAt(task('2026-03-09', '17:00', 0), 'Europe/Paris')).toBe(Date.parse('2026-03-09T17:00:00+01:00'));
  });

  it('follows daylight saving: 09:00 the day after the spring change is an hour earlier in UTC', () => {
    expect(reminderAt(task('2026-03-07', null, 0), 'America/New_York')).toBe(Date.parse('2026-03-07T14:00:00Z'));
    expect(reminderAt(task('2026-03-09', null, 0), 'America/New_York')).toBe(Date.parse('2026-03-09T13:00:00Z'));
  });

  it('is null without a reminder or without a due day', () => {
    expect(reminderAt(task('2026-03-09', '17:00', null), 'UTC')).toBeNull();
    expect(reminderAt(task(null, null, 10), 'UTC')).toBeNull();
  });
});

describe('reminderProblem', () => {
  it('refuses a reminder in the past and accepts one ahead', () => {
    const now = Date.parse('2026-03-09T12:00:00Z');
    expect(reminderProblem(task('2026-03-09', '12:30', 60), 'UTC', now)).toMatch(/already passed/);
    expect(reminderProblem(task('2026-03-09', '12:30', 10), 'UTC', now)).toBeNull();
    expect(reminderProblem(task('2026-03-09', '12:30', null), 'UTC', now)).toBeNull();
  });
});
