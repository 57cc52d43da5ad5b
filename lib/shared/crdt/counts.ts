/** Task counts for badges and the `todayCountChanged` hint (seed 000). */
import { DAY_PATTERN } from '../days';
import type { TaskView } from './list';

export interface TaskCounts {
  /** Open tasks due on the given day. */
  today: number;
  /** Open tasks due before it. */
  overdue: number;
  /** Tasks not completed, in lists neither archived nor deleted. */
  open: number;
}

/**
 * Counts over materialised lists. `todayDay` is the user's local day (lib/shared/days.ts
 * `localDay`): the caller decides the time zone, so server and browser agree when they pass the same.
 */
export function countTasks(lists: readonly { archived: boolean; tasks: readonly Pick<TaskView, 'completed' | 'dueDay'>[] }[], todayDay: string): TaskCounts {
  const counts = noTasks(todayDay);
  for (const list of lists) {
    if (list.archived) continue;
    for (const task of list.tasks) tally(counts, task.completed, task.dueDay, todayDay);
  }
  return counts;
}

/** Counts of nothing yet, for `tally` to add to; checks the day once. */
export function noTasks(todayDay: string): TaskCounts {
  if (!DAY_PATTERN.test(todayDay)) throw new RangeError(`todayDay must be YYYY-MM-DD, got ${todayDay}`);
  return { today: 0, overdue: 0, open: 0 };
}

/** Adds one task of a counted list (neither archived nor deleted) to `counts`. */
export function tally(counts: TaskCounts, completed: boolean, dueDay: string | null, todayDay: string): void {
  if (completed) return;
  counts.open += 1;
  if (dueDay === todayDay) counts.today += 1;
  else if (dueDay !== null && dueDay < todayDay) counts.overdue += 1;
}
