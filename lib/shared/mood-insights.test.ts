import { describe, expect, it } from 'vitest';
import { activityEffects, moodByDay } from './mood-insights';

const DAY = 86_400_000;
const entry = (score: number, activityIds: string[], recordedAt = 0) => ({ score, activityIds, recordedAt });

describe('activityEffects', () => {
  it('matches a hand-computed example: mean with and without each activity, with the counts', () => {
    // walk: 8, 6 → 7 with; 4, 5, 9 → 6 without; +1. gym: 9 → 9 with; 8, 6, 4, 5 → 5.75 without; +3.25.
    // work: 4, 5 → 4.5 with; 8, 6, 9 → 7.67 without; −3.17.
    const effects = activityEffects([entry(8, ['walk']), entry(6, ['walk']), entry(4, ['work']), entry(5, ['work']), entry(9, ['gym'])]);
    expect(effects.map((e) => e.activityId)).toEqual(['gym', 'walk', 'work']);
    expect(effects[0]).toEqual({ activityId: 'gym', withAverage: 9, withCount: 1, withoutAverage: 5.75, withoutCount: 4, difference: 3.25 });
    expect(effects[1]).toMatchObject({ withAverage: 7, withCount: 2, withoutAverage: 6, withoutCount: 3, difference: 1 });
    expect(effects[2]!.difference).toBeCloseTo(4.5 - 23 / 3, 10);
  });

  it('has no comparison for an activity on every entry, and nothing for none', () => {
    expect(activityEffects([entry(5, ['a']), entry(7, ['a'])])).toEqual([
      { activityId: 'a', withAverage: 6, withCount: 2, withoutAverage: null, withoutCount: 0, difference: null },
    ]);
    expect(activityEffects([entry(5, [])])).toEqual([]);
  });
});

describe('moodByDay', () => {
  it('averages each day and leaves days without entries empty', () => {
    const days = moodByDay(
      [entry(4, [], 0), entry(8, [], DAY / 2), entry(7, [], 2 * DAY + 5)],
      0,
      3,
      (at) => at - (at % DAY),
      (at, n) => at + n * DAY,
    );
    expect(days).toEqual([
      { at: 0, average: 6, count: 2 },
      { at: DAY, average: null, count: 0 },
      { at: 2 * DAY, average: 7, count: 1 },
    ]);
  });
});
