import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './days';
import {
  countInWeek,
  dailyStreak,
  habitStreak,
  historyStart,
  weeklyStreak,
  weekStart,
  withDayLogged,
  withTodayLogged,
  type HabitGoal,
  type HabitLogStatus,
} from './habit-streaks';

// 2026-03-18 is a Wednesday; its week began on Monday 2026-03-16.
const TODAY = '2026-03-18';
const days = (...offsets: number[]) => new Set(offsets.map((n) => addDays(TODAY, n)));

describe('weeks', () => {
  it('start on Monday, also across a year boundary', () => {
    expect(weekStart('2026-03-16')).toBe('2026-03-16');
    expect(weekStart('2026-03-18')).toBe('2026-03-16');
    expect(weekStart('2026-03-22')).toBe('2026-03-16');
    expect(weekStart('2026-01-01')).toBe('2025-12-29');
  });

  it('give a 12-week history that begins on a Monday 11 weeks before this one', () => {
    expect(historyStart(TODAY)).toBe('2025-12-29');
    expect(historyStart('2026-03-16')).toBe('2025-12-29');
  });

  it('count the logs inside one Monday-to-Sunday week only', () => {
    const logged = new Set(['2026-03-15', '2026-03-16', '2026-03-20', '2026-03-22', '2026-03-23']);
    expect(countInWeek(logged, '2026-03-16')).toBe(3);
  });
});

describe('the daily streak', () => {
  it('is zero with no logs, or when neither today nor yesterday is logged', () => {
    expect(dailyStreak(new Set(), TODAY)).toBe(0);
    expect(dailyStreak(days(-2, -3, -4), TODAY)).toBe(0);
  });

  it('counts consecutive days ending today', () => {
    expect(dailyStreak(days(0, -1, -2, -4), TODAY)).toBe(3);
  });

  it('keeps counting from yesterday while today is not logged yet', () => {
    expect(dailyStreak(days(-1, -2), TODAY)).toBe(2);
  });

  it('ignores days after today (a log made before moving west of the old time zone)', () => {
    expect(dailyStreak(days(1, 0), TODAY)).toBe(1);
  });

  it('runs across months and years', () => {
    const logged = new Set(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
    expect(dailyStreak(logged, '2026-01-02')).toBe(4);
  });
});

describe('the weekly streak', () => {
  it('counts consecutive weeks that met the goal, the current one included once met', () => {
    // This week: Mon, Wed. Last week: 2 days. The week before: 2 days. Three weeks back: 1 day.
    const logged = new Set(['2026-03-16', '2026-03-18', '2026-03-09', '2026-03-13', '2026-03-02', '2026-03-08', '2026-02-25']);
    expect(weeklyStreak(logged, TODAY, 2)).toBe(3);
  });

  it('does not break on a current week that has not met the goal yet', () => {
    const logged = new Set(['2026-03-16', '2026-03-09', '2026-03-10', '2026-03-02', '2026-03-03']);
    expect(weeklyStreak(logged, TODAY, 2)).toBe(2);
  });

  it('is zero when last week missed the goal and this week has not met it', () => {
    const logged = new Set(['2026-03-16', '2026-03-09', '2026-03-02', '2026-03-03']);
    expect(weeklyStreak(logged, TODAY, 2)).toBe(0);
  });

  it('needs every day of the week for seven times a week', () => {
    const fullLastWeek = new Set(Array.from({ length: 7 }, (_, i) => addDays('2026-03-09', i)));
    expect(weeklyStreak(fullLastWeek, TODAY, 7)).toBe(1);
    fullLastWeek.delete('2026-03-12');
    expect(weeklyStreak(fullLastWeek, TODAY, 7)).toBe(0);
  });

  it('is chosen by the habit cadence', () => {
    const logged = days(0, -1, -2);
    expect(habitStreak({ cadence: 'daily', timesPerWeek: 7 }, logged, TODAY)).toBe(3);
    expect(habitStreak({ cadence: 'weekly', timesPerWeek: 3 }, logged, TODAY)).toBe(1);
  });
});

describe('predicting a log or undo of today', () => {
  function statusOf(goal: HabitGoal, logged: Set<string>, today: string): HabitLogStatus {
    const from = historyStart(today);
    return {
      ...goal,
      loggedToday: logged.has(today),
      streak: habitStreak(goal, logged, today),
      thisWeekCount: countInWeek(logged, weekStart(today)),
      history: [...logged].filter((d) => d >= from && d <= today).sort(),
    };
  }

  it('agrees with recomputing from the logs, for any logs, goal and day', () => {
    const goal = fc.oneof(
      fc.constant<HabitGoal>({ cadence: 'daily', timesPerWeek: 7 }),
      fc.integer({ min: 1, max: 7 }).map<HabitGoal>((n) => ({ cadence: 'weekly', timesPerWeek: n })),
    );
    fc.assert(
      fc.property(goal, fc.integer({ min: 0, max: 6 }), fc.uniqueArray(fc.integer({ min: 0, max: 160 }), { maxLength: 120 }), (g, weekday, back) => {
        const today = addDays('2026-03-16', weekday);
        const logged = new Set(back.map((n) => addDays(today, -n)));
        const before = statusOf(g, logged, today);
        const withToday = new Set(logged).add(today);
        const withoutToday = new Set([...logged].filter((d) => d !== today));
        expect(withTodayLogged(before, today, true)).toEqual(statusOf(g, withToday, today));
        expect(withTodayLogged(before, today, false)).toEqual(statusOf(g, withoutToday, today));
      }),
    );
  });

  it('logging or undoing any past day of the history agrees with recomputing (logs within the history window)', () => {
    const goal = fc.oneof(
      fc.constant<HabitGoal>({ cadence: 'daily', timesPerWeek: 7 }),
      fc.integer({ min: 1, max: 7 }).map<HabitGoal>((n) => ({ cadence: 'weekly', timesPerWeek: n })),
    );
    fc.assert(
      fc.property(
        goal,
        fc.integer({ min: 0, max: 6 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 76 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 76 }),
        (g, weekday, back, dayBack) => {
          const today = addDays('2026-03-16', weekday);
          const day = addDays(today, -dayBack);
          const logged = new Set(back.map((n) => addDays(today, -n)));
          const before = statusOf(g, logged, today);
          expect(withDayLogged(before, day, today, true)).toEqual(statusOf(g, new Set(logged).add(day), today));
          expect(withDayLogged(before, day, today, false)).toEqual(statusOf(g, new Set([...logged].filter((d) => d !== day)), today));
        },
      ),
    );
    // A day after today is never logged.
    const status = statusOf({ cadence: 'daily', timesPerWeek: 7 }, days(0), TODAY);
    expect(withDayLogged(status, addDays(TODAY, 1), TODAY, true)).toBe(status);
  });

  it('returns the same object when today is already in the asked state', () => {
    const status = statusOf({ cadence: 'daily', timesPerWeek: 7 }, days(0), TODAY);
    expect(withTodayLogged(status, TODAY, true)).toBe(status);
  });
});
