import { describe, expect, it } from 'vitest';
import { reminderAt, reminderProblem, remindersBetween } from './reminders';

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

describe('remindersBetween', () => {
  const base = { notes: '', position: 'a0', priority: null, recurrence: null } as const;
  const lists = [
    {
      id: 'l1',
      archived: false,
      tasks: [
        { ...base, id: 'a', title: 'Call', dueDay: '2026-03-09', dueTime: '10:00', reminder: 0, completed: false },
        { ...base, id: 'b', title: 'Done', dueDay: '2026-03-09', dueTime: '10:00', reminder: 0, completed: true },
        { ...base, id: 'c', title: 'Early', dueDay: '2026-03-09', dueTime: '10:00', reminder: 30, completed: false },
        { ...base, id: 'd', title: 'None', dueDay: '2026-03-09', dueTime: '10:00', reminder: null, completed: false },
      ],
    },
    { id: 'l2', archived: true, tasks: [{ ...base, id: 'e', title: 'Archived', dueDay: '2026-03-09', dueTime: '10:00', reminder: 0, completed: false }] },
  ];

  it('lists the open tasks’ reminders in the window, earliest first, leaving out completed and archived ones', () => {
    const from = Date.parse('2026-03-09T09:00:00Z');
    const to = Date.parse('2026-03-09T10:00:00Z');
    expect(remindersBetween(lists, 'UTC', from, to).map((r) => r.taskId)).toEqual(['c', 'a']);
    expect(remindersBetween(lists, 'UTC', Date.parse('2026-03-09T09:30:00Z'), to).map((r) => r.taskId)).toEqual(['a']);
  });
});
