import { describe, expect, it } from 'vitest';
import { changedFields, describeFields } from './outbox-changes';

describe('changedFields', () => {
  it('finds a timer write moved by the server: an offline start that began after another session', () => {
    const sent = { id: 's1', mode: 'focus', plannedMinutes: 25, at: 1_000 };
    const answer = { session: { id: 's1', mode: 'focus', plannedMinutes: 25, startedAt: 5_000, pausedAt: null }, serverTime: 9_000 };
    expect(changedFields(sent, answer)).toEqual(['at']);
    expect(changedFields({ ...sent, at: 5_000 }, answer)).toEqual([]);
    expect(changedFields({ completed: true, sessionId: 's1', at: 7_000 }, { session: null, stopped: { id: 's1', completed: true, endedAt: 7_000 } })).toEqual(
      [],
    );
  });

  it('ignores what cannot be compared: fields the answer lacks, other types, arrays and no answer', () => {
    expect(changedFields({ title: 'A', notes: 'x' }, { title: 'A' })).toEqual([]);
    expect(changedFields({ deadline: '2026-12-31' }, { deadline: 1 })).toEqual([]);
    expect(changedFields({ activityIds: ['a'] }, { activityIds: ['b'] })).toEqual([]);
    expect(changedFields({ title: 'A' }, null)).toEqual([]);
  });

  it('names the fields for people', () => {
    expect(describeFields(['title'])).toBe('title');
    expect(describeFields(['title', 'at', 'taskTitle'])).toBe('title, time and task');
    expect(describeFields(['dueDay'])).toBe('due day');
  });
});
