'use client';

import { Bell, Search, Zap } from 'lucide-react';
import { useState } from 'react';
import { reminderProblem } from '@/lib/shared/reminders';
import { useSyncEnv } from '@/lib/sync/provider';
import { showToast } from '@/lib/sync/toast';
import { useStoredChoice } from '@/lib/sync/use-stored-choice';
import { useTasks, useTasksTimeZone } from '@/lib/sync/tasks/useTasks';
import { nextOccurrenceId } from '@/lib/shared/recurrence';
import { AddTaskForm, type NewTaskInput } from './AddTaskForm';
import { ListHeader } from './ListHeader';
import { ListsSidebar } from './ListsSidebar';
import { SyncStatus } from './SyncStatus';
import { TaskList } from './TaskList';
import type { TaskRowActions } from './TaskRow';
import { useToday } from '../shell/useToday';
import { useUserTimeZone } from '@/lib/sync/use-formats';
import { OPEN_QUICK_ADD } from './shortcuts';
import { enableReminders, useNotificationPermission } from './TaskReminders';
import { useTaskKeys } from './useTaskKeys';
import { filterCounts, searchTasks, sortTasks, tasksFor, type ListScope, type ShownTask, type TaskFilter, type TaskSort } from './view';
import { CardsSkeleton } from '../shell/CardsSkeleton';
import { SegmentedChoice } from '../shell/SegmentedChoice';

const FILTERS: { id: TaskFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'today', label: 'Today' },
  { id: 'overdue', label: 'Overdue' },
];

/** A local write failed only if IndexedDB refused it; the op is kept in memory and retried. */
function reportFailure(err: unknown) {
  showToast(err instanceof Error ? `Could not save: ${err.message}` : 'Could not save your change.');
}

const SORTS: { id: TaskSort; label: string }[] = [
  { id: 'manual', label: 'My order' },
  { id: 'priority', label: 'Priority' },
  { id: 'due', label: 'Due date' },
];
const SORT_IDS = SORTS.map((s) => s.id);

/** The tasks page: lists on the side, the chosen list (or all of them) filtered, and the sync line. */
export function TasksBoard() {
  const state = useTasks();
  const { actions, lists } = state;
  const timeZone = useUserTimeZone();
  useTasksTimeZone(timeZone);
  const today = useToday(timeZone);
  const [chosen, setChosen] = useState<ListScope | undefined>(undefined);
  const [filter, setFilter] = useState<TaskFilter>('all');
  const { userId } = useSyncEnv();
  const [sort, setSort] = useStoredChoice<TaskSort>(`pos:tasks-sort:${userId}`, SORT_IDS, 'manual');
  const [query, setQuery] = useState('');
  const canAskReminders = useNotificationPermission() === 'default';

  const searching = query.trim() !== '';
  const removeWithUndo = (task: ShownTask) => {
    actions
      .deleteTask(task.listId, task.id)
      .then(() =>
        showToast(`Deleted “${task.title}”`, 'info', 8000, {
          label: 'Undo',
          // A deleted id never comes back (decision 007): undo adds the same task anew, where it was.
          run: () => {
            const { title, notes, dueDay, dueTime, priority, recurrence, reminder, completed } = task;
            const neighbour = state.lists.find((l) => l.id === task.listId)?.tasks.find((t) => t.position > task.position);
            void actions
              .addTaskWithDetails(task.listId, {
                title,
                notes,
                dueDay,
                dueTime,
                priority,
                recurrence,
                reminder,
                ...(neighbour ? { before: neighbour.id } : {}),
              })
              .then((id) => (completed ? actions.setCompleted(task.listId, id, true) : undefined))
              .catch(reportFailure);
          },
        }),
      )
      .catch(reportFailure);
  };
  /** Completes a task and offers to take it back; a repeating one's next occurrence goes with the undo. */
  const completeWithUndo = (task: ShownTask) =>
    actions
      .completeTask(task.listId, task.id, today)
      .then(() =>
        showToast(`Completed “${task.title}”`, 'info', 8000, {
          label: 'Undo',
          run: () => {
            void actions.setCompleted(task.listId, task.id, false).catch(reportFailure);
            // The occurrence the completion made has a known id (decision 050): deleting it by id needs
            // no look at the (by now older) list, and is final on every device that made it too.
            if (task.recurrence) void actions.deleteTask(task.listId, nextOccurrenceId(task.id)).catch(reportFailure);
          },
        }),
      )
      .catch(reportFailure);
  const toggle = (task: ShownTask, completed: boolean) =>
    completed ? completeWithUndo(task) : actions.setCompleted(task.listId, task.id, false).catch(reportFailure);
  /** The first task needs no list: it goes into an Inbox made for it. */
  const [handOff, setHandOff] = useState(false);
  const addToInbox = async (task: NewTaskInput) => {
    const inbox = await actions.createList('Inbox');
    setChosen(inbox);
    await actions.addTaskWithDetails(inbox, task);
  };
  const shownForKeys = state.ready ? visibleTasks() : [];
  useTaskKeys(
    shownForKeys,
    {
      toggle: (task) => void toggle(task, !task.completed),
      remove: (task) => removeWithUndo(task),
    },
    'task-search',
  );

  function visibleTasks(): ShownTask[] {
    if (searching) return sortTasks(searchTasks(lists, query), sort);
    const first = lists.find((l) => !l.archived)?.id ?? null;
    const at: ListScope = chosen === undefined || (chosen !== null && !lists.some((l) => l.id === chosen)) ? first : chosen;
    const all = sortTasks(tasksFor(lists, at, filter, today), sort);
    return [...all.filter((t) => !t.completed), ...all.filter((t) => t.completed)];
  }

  if (!state.ready) return <CardsSkeleton label="Loading tasks" heights={['h-48', 'h-72']} className="grid gap-6 md:grid-cols-[15rem_1fr]" />;

  // Until the user picks, show the first list; a list deleted elsewhere falls back the same way.
  const firstActive = lists.find((l) => !l.archived)?.id ?? null;
  const scope: ListScope = chosen === undefined || (chosen !== null && !lists.some((l) => l.id === chosen)) ? firstActive : chosen;
  const list = scope === null ? null : (lists.find((l) => l.id === scope) ?? null);
  const counts = filterCounts(lists, scope, today);
  const shown = searching ? sortTasks(searchTasks(lists, query), sort) : sortTasks(tasksFor(lists, scope, filter, today), sort);

  const rowActions: Omit<TaskRowActions, 'move'> = {
    setCompleted: toggle,
    edit: (task, fields) => actions.editTask(task.listId, task.id, fields),
    setDue: (task, dueDay) => actions.setDue(task.listId, task.id, dueDay).catch(reportFailure),
    remove: (task) => removeWithUndo(task),
    setDetails: async (task, details) => {
      const problem = reminderProblem({ ...task, ...details }, timeZone, Date.now());
      if (problem) throw new Error(problem);
      await actions.setDetails(task.listId, task.id, details);
    },
  };

  return (
    <div className="grid gap-6 md:grid-cols-[15rem_1fr]">
      <ListsSidebar
        lists={lists}
        scope={scope}
        onSelect={(next) => setChosen(next)}
        onCreate={async (name) => {
          const id = await actions.createList(name).catch((err: unknown) => {
            reportFailure(err);
            throw err; // the form gives the name back
          });
          setChosen(id);
          setFilter('all');
        }}
      />
      <section className="card min-w-0 space-y-4" aria-label={list ? `List ${list.name}` : 'All lists'}>
        <div className="flex flex-wrap items-center gap-2">
          <div className="relative min-w-48 flex-1">
            <Search className="pointer-events-none absolute top-1/2 left-2.5 h-4 w-4 -translate-y-1/2 text-stone-400" aria-hidden />
            <label htmlFor="task-search" className="sr-only">
              Search all lists
            </label>
            <input
              id="task-search"
              type="search"
              className="input pl-8"
              placeholder="Search all lists (title and notes)"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setQuery('')}
            />
          </div>
          <button type="button" className="btn-ghost" onClick={() => window.dispatchEvent(new Event(OPEN_QUICK_ADD))} title="Quick add (q)">
            <Zap className="h-4 w-4" aria-hidden /> Quick add
          </button>
          {canAskReminders ? (
            <button type="button" className="btn-ghost" onClick={() => void enableReminders()} title="Show task reminders as notifications">
              <Bell className="h-4 w-4" aria-hidden /> Turn on reminders
            </button>
          ) : null}
        </div>
        {searching ? (
          <div className="space-y-3" data-testid="task-search-results">
            <h2 className="text-lg font-semibold" aria-live="polite">
              {shown.length === 0
                ? `Nothing matches “${query.trim()}”`
                : `${shown.length} ${shown.length === 1 ? 'task matches' : 'tasks match'} “${query.trim()}”`}
            </h2>
            {shown.length > 0 ? (
              <TaskList
                tasks={shown}
                filter="all"
                today={today}
                reorderable={false}
                showList
                actions={rowActions}
                onMove={(task, placement) => void actions.moveTask(task.listId, task.id, placement).catch(reportFailure)}
              />
            ) : null}
          </div>
        ) : list ? (
          <ListHeader
            key={list.id}
            list={list}
            onRename={(name) => actions.renameList(list.id, name)}
            onArchive={(archived) => actions.archiveList(list.id, archived)}
            onDelete={async () => {
              await actions.deleteList(list.id);
              setChosen(undefined);
            }}
          />
        ) : (
          <h2 className="text-lg font-semibold" data-testid="list-title">
            All lists
          </h2>
        )}
        {searching ? null : lists.length === 0 ? (
          <div className="space-y-3">
            <AddTaskForm
              defaultDue={null}
              timeZone={timeZone}
              onAdd={(task) => {
                // The Inbox's own add field replaces this one: it takes the focus over, so the next title typed lands.
                setHandOff(true);
                return addToInbox(task).catch(reportFailure);
              }}
            />
            <div className="rounded-lg border border-dashed border-stone-300 px-4 py-8 text-center text-sm text-stone-600" data-testid="tasks-no-lists">
              <p className="font-medium text-stone-800">No tasks yet</p>
              <p className="mt-1">Add your first task above: it goes into your Inbox. Make more lists under “New list”. Everything works offline too.</p>
            </div>
          </div>
        ) : (
          <>
            <div className="flex flex-wrap items-center gap-3">
              <SegmentedChoice
                options={FILTERS.map(({ id, label }) => ({
                  value: id,
                  label: (
                    <>
                      {label}
                      <span className="text-xs tabular-nums opacity-75" data-testid={`filter-count-${id}`}>
                        {counts[id]}
                      </span>
                    </>
                  ),
                }))}
                value={filter}
                onChange={setFilter}
                label="Show"
              />
              <label className="flex items-center gap-2 text-sm text-stone-600">
                Sort
                <select className="input w-auto py-1.5" value={sort} onChange={(e) => setSort(e.target.value as TaskSort)} data-testid="task-sort">
                  {SORTS.map(({ id, label }) => (
                    <option key={id} value={id}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {list && filter === 'all' ? (
              <AddTaskForm
                key={list.id}
                takeFocus={handOff}
                onFocusTaken={() => setHandOff(false)}
                defaultDue={null}
                timeZone={timeZone}
                onAdd={async (task) => {
                  await actions.addTaskWithDetails(list.id, task).catch(reportFailure);
                }}
              />
            ) : null}
            {!list && filter === 'all' ? <p className="text-sm text-stone-500">Pick a list to add tasks to it.</p> : null}
            <TaskList
              tasks={shown}
              filter={filter}
              today={today}
              reorderable={list !== null && filter === 'all' && sort === 'manual'}
              showList={list === null}
              actions={rowActions}
              onMove={(task, placement) => void actions.moveTask(task.listId, task.id, placement).catch(reportFailure)}
            />
          </>
        )}
        <div className="border-t border-stone-100 pt-3">
          <SyncStatus state={state} onSyncNow={() => void actions.syncNow()} />
        </div>
      </section>
    </div>
  );
}
