import { describe, expect, it } from 'vitest';
import { formatsFor } from '@/lib/shared/format';
import { completedItselfText } from './completed-itself';

const record = {
  id: 's1',
  taskTitle: 'Write Q1 memo',
  mode: 'focus' as const,
  plannedMinutes: 25,
  startedAt: Date.UTC(2026, 0, 5, 14, 0),
  endedAt: Date.UTC(2026, 0, 5, 14, 25),
  completed: true,
  focusMs: 25 * 60_000,
};

describe('completedItselfText', () => {
  it('names the minutes, the task and the time it ended, in the user’s clock', () => {
    expect(completedItselfText(record, formatsFor('UTC', 'en-GB'))).toBe('Your 25-min focus on Write Q1 memo completed itself at 14:25.');
    expect(completedItselfText(record, formatsFor('Europe/Paris', 'en-GB'))).toBe('Your 25-min focus on Write Q1 memo completed itself at 15:25.');
    expect(completedItselfText({ ...record, taskTitle: null }, formatsFor('UTC', 'en-US'))).toBe('Your 25-min focus completed itself at 2:25 PM.');
  });
});
