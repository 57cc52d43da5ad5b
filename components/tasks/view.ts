import type { ListView, TaskView } from '@/lib/shared/crdt';

export type TaskFilter = 'all' | 'today' | 'overdue';

/** `null` scope = every list that is not archived. */
export type ListScope = string | null;

export interface ShownTask extends TaskView {
  listId: string;
  listName: string;
}

export function isDueToday(task: Pick<TaskView, 'completed' | 'dueDay'>, today: string): boolean {
  return !task.completed && task.dueDay === today;
}

export function isOverdue(task: Pick<TaskView, 'completed' | 'dueDay'>, today: string): boolean {
  return !task.completed && task.dueDay !== null && task.dueDay < today;
}

function inScope(lists: ListView[], scope: ListScope): ListView[] {
  return scope === null ? lists.filter((l) => !l.archived) : lists.filter((l) => l.id === scope);
}

/** The tasks a filter shows, in list order then position order; "today" is the user's local day. */
export function tasksFor(lists: ListView[], scope: ListScope, filter: TaskFilter, today: string): ShownTask[] {
  const keep = filter === 'today' ? (t: TaskView) => isDueToday(t, today) : filter === 'overdue' ? (t: TaskView) => isOverdue(t, today) : () => true;
  return inScope(lists, scope).flatMap((list) => list.tasks.filter(keep).map((t) => ({ ...t, listId: list.id, listName: list.name })));
}

export function filterCounts(lists: ListView[], scope: ListScope, today: string): Record<TaskFilter, number> {
  const tasks = inScope(lists, scope).flatMap((l) => l.tasks);
  return {
    all: tasks.filter((t) => !t.completed).length,
    today: tasks.filter((t) => isDueToday(t, today)).length,
    overdue: tasks.filter((t) => isOverdue(t, today)).length,
  };
}
