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

export interface DueReminder {
  taskId: string;
  listId: string;
  title: string;
  at: number;
}

/** Reminders of open tasks in lists not archived, at an instant in (from, to], earliest first. */
export function remindersBetween(
  lists: readonly { id: string; archived: boolean; tasks: readonly TaskView[] }[],
  timeZone: string,
  from: number,
  to: number,
): DueReminder[] {
  const due: DueReminder[] = [];
  for (const list of lists) {
    if (list.archived) continue;
    for (const task of list.tasks) {
      if (task.completed) continue;
      const at = reminderAt(task, timeZone);
      if (at !== null && at > from && at <= to) due.push({ taskId: task.id, listId: list.id, title: task.title, at });
    }
  }
  return due.sort((a, b) => a.at - b.at);
}
