import { addDays } from './days';

/**
 * Habit streaks on local calendar days (YYYY-MM-DD). Weeks start on Monday (ISO 8601).
 * Pure, so the server computes them and the browser predicts them for optimistic logs.
 */

export type Cadence = 'daily' | 'weekly';

/** The history grid shows this many weeks, the current one last. */
export const HISTORY_WEEKS = 12;

export interface HabitGoal {
  cadence: Cadence;
  /** For weekly habits: days a week to log; daily habits ignore it. */
  timesPerWeek: number;
}

function dayOfWeek(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The Monday of `day`'s week. */
export function weekStart(day: string): string {
  return addDays(day, -((dayOfWeek(day) + 6) % 7));
}

/** The first day of the history grid: the Monday HISTORY_WEEKS − 1 weeks before this week's. */
export function historyStart(today: string): string {
  return addDays(weekStart(today), -7 * (HISTORY_WEEKS - 1));
}

/** Logged days in the Monday-started week beginning `monday`. */
export function countInWeek(logged: ReadonlySet<string>, monday: string): number {
  let n = 0;
  for (let i = 0; i < 7; i++) if (logged.has(addDays(monday, i))) n += 1;
  return n;
}

/** Consecutive logged days ending today, or ending yesterday while today is still open. */
export function dailyStreak(logged: ReadonlySet<string>, today: string): number {
  let day = logged.has(today) ? today : addDays(today, -1);
  let streak = 0;
  while (logged.has(day)) {
    streak += 1;
    day = addDays(day, -1);
  }
  return streak;
}

/** Consecutive weeks with at least `timesPerWeek` logs; the current week counts once met and never breaks the streak before it ends. */
export function weeklyStreak(logged: ReadonlySet<string>, today: string, timesPerWeek: number): number {
  const goal = Math.max(1, timesPerWeek);
  let monday = weekStart(today);
  if (countInWeek(logged, monday) < goal) monday = addDays(monday, -7);
  let streak = 0;
  while (countInWeek(logged, monday) >= goal) {
    streak += 1;
    monday = addDays(monday, -7);
  }
  return streak;
}

export function habitStreak(goal: HabitGoal, logged: ReadonlySet<string>, today: string): number {
  return goal.cadence === 'daily' ? dailyStreak(logged, today) : weeklyStreak(logged, today, goal.timesPerWeek);
}

/** What the habits page shows per habit about its logs. */
export interface HabitLogStatus extends HabitGoal {
  loggedToday: boolean;
  streak: number;
  /** Logs in the current Monday-started week. */
  thisWeekCount: number;
  /** Logged days from historyStart(today) to today, ascending. */
  history: string[];
}

/**
 * The status after logging (or undoing) `day`, as the server will compute it. The history may not
 * reach back far enough to recount a long streak, so the streak moves by what the change does to
 * the streak the history shows.
 */
export function withDayLogged<T extends HabitLogStatus>(habit: T, day: string, today: string, logged: boolean): T {
  const before = new Set(habit.history);
  if (before.has(day) === logged || day > today) return habit;
  const after = new Set(before);
  if (logged) after.add(day);
  else after.delete(day);
  const streak = habit.streak + habitStreak(habit, after, today) - habitStreak(habit, before, today);
  return {
    ...habit,
    history: [...after].sort(),
    loggedToday: after.has(today),
    thisWeekCount: countInWeek(after, weekStart(today)),
    streak: Math.max(0, streak),
  };
}

/** The status after logging (or undoing) today. */
export function withTodayLogged<T extends HabitLogStatus>(habit: T, today: string, logged: boolean): T {
  return withDayLogged(habit, today, today, logged);
}
