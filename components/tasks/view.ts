import type { ListView, TaskView } from '@/lib/shared/crdt';

export type TaskFilter = 'all' | 'today' | 'overdue';

/** `manual` is the list's own order (drag, move buttons); the others sort a copy for the view. */
export type TaskSort = 'manual' | 'priority' | 'due';

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

// No priority sorts after p4; no due day after every day; on one day, timed tasks before untimed ones.
const priorityRank = (t: TaskView) => t.priority ?? 5;
const dueRank = (t: TaskView) => (t.dueDay === null ? '\uffff' : `${t.dueDay} ${t.dueTime ?? '99:99'}`);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The tasks in the chosen order; ties keep the list order (stable sort), so the view never jumps. */
export function sortTasks<T extends TaskView>(tasks: readonly T[], sort: TaskSort): T[] {
  if (sort === 'manual') return tasks.slice();
  const byPriority = (a: T, b: T) => priorityRank(a) - priorityRank(b);
  const byDue = (a: T, b: T) => byText(dueRank(a), dueRank(b));
  return tasks.slice().sort(sort === 'priority' ? (a, b) => byPriority(a, b) || byDue(a, b) : (a, b) => byDue(a, b) || byPriority(a, b));
}

/** Tasks whose title or notes hold every word of `query` (any case, any accents), from every list. */
export function searchTasks(lists: ListView[], query: string): ShownTask[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return lists.flatMap((list) =>
    list.tasks
      .filter((t) => {
        const text = fold(`${t.title} ${t.notes}`);
        return words.every((w) => text.includes(w));
      })
      .map((t) => ({ ...t, listId: list.id, listName: list.archived ? `${list.name} (archived)` : list.name })),
  );
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
