/** When a task's reminder is due: minutes before its due time, in the user's own time zone. */
import type { TaskView } from './crdt/list';
import { instantAt } from './days';

/** A task due on a day without a time is reminded relative to this time of that day. */
export const DEFAULT_REMINDER_TIME = '09:00';

/** The instant of the task's reminder, or null when it has none (no reminder or no due day). */
export function reminderAt(task: Pick<TaskView, 'dueDay' | 'dueTime' | 'reminder'>, timeZone: string): number | null {
  if (task.reminder === null || task.dueDay === null) return null;
  return instantAt(task.dueDay, task.dueTime ?? DEFAULT_REMINDER_TIME, timeZone) - task.reminder * 60_000;
}

/** Why these details cannot be saved at `now`, or null: a reminder is never set in the past. */
export function reminderProblem(task: Pick<TaskView, 'dueDay' | 'dueTime' | 'reminder'>, timeZone: string, now: number): string | null {
  const at = reminderAt(task, timeZone);
  return at !== null && at <= now ? 'That reminder time has already passed: pick a later due time or a shorter reminder' : null;
}
