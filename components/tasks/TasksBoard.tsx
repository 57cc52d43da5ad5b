'use client';

import { useState } from 'react';
import { showToast } from '@/lib/sync/toast';
import { useTasks } from '@/lib/sync/tasks/useTasks';
import { AddTaskForm } from './AddTaskForm';
import { ListHeader } from './ListHeader';
import { ListsSidebar } from './ListsSidebar';
import { SyncStatus } from './SyncStatus';
import { TaskList } from './TaskList';
import type { TaskRowActions } from './TaskRow';
import { useToday } from './useToday';
import { useUserTimeZone } from './useUserTimeZone';
import { filterCounts, tasksFor, type ListScope, type TaskFilter } from './view';
import { CardsSkeleton } from '../shell/CardsSkeleton';

const FILTERS: { id: TaskFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'today', label: 'Today' },
  { id: 'overdue', label: 'Overdue' },
];

/** A local write failed only if IndexedDB refused it; the op is kept in memory and retried. */
function reportFailure(err: unknown) {
  showToast(err instanceof Error ? `Could not save: ${err.message}` : 'Could not save your change.');
}

/** The tasks page: lists on the side, the chosen list (or all of them) filtered, and the sync line. */
export function TasksBoard() {
  const state = useTasks();
  const { actions, lists } = state;
  const timeZone = useUserTimeZone();
  const today = useToday(timeZone);
  const [chosen, setChosen] = useState<ListScope | undefined>(undefined);
  const [filter, setFilter] = useState<TaskFilter>('all');

  if (!state.ready) return <CardsSkeleton label="Loading tasks" heights={['h-48', 'h-72']} className="grid gap-6 md:grid-cols-[15rem_1fr]" />;

  // Until the user picks, show the first list; a list deleted elsewhere falls back the same way.
  const firstActive = lists.find((l) => !l.archived)?.id ?? null;
  const scope: ListScope = chosen === undefined || (chosen !== null && !lists.some((l) => l.id === chosen)) ? firstActive : chosen;
  const list = scope === null ? null : (lists.find((l) => l.id === scope) ?? null);
  const counts = filterCounts(lists, scope, today);
  const shown = tasksFor(lists, scope, filter, today);

  const rowActions: Omit<TaskRowActions, 'move'> = {
    setCompleted: (task, completed) => actions.setCompleted(task.listId, task.id, completed).catch(reportFailure),
    edit: (task, fields) => actions.editTask(task.listId, task.id, fields),
    setDue: (task, dueDay) => actions.setDue(task.listId, task.id, dueDay).catch(reportFailure),
    remove: (task) => actions.deleteTask(task.listId, task.id).catch(reportFailure),
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
        {list ? (
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
        {lists.length === 0 ? (
          <div className="rounded-lg border border-dashed border-stone-300 px-4 py-8 text-center text-sm text-stone-600" data-testid="tasks-no-lists">
            <p className="font-medium text-stone-800">No lists yet</p>
            <p className="mt-1">Name your first list under “New list”, then add tasks to it. Everything works offline too.</p>
          </div>
        ) : (
          <>
            <div className="inline-flex rounded-lg border border-stone-300 p-0.5" role="radiogroup" aria-label="Show">
              {FILTERS.map(({ id, label }) => (
                <button
                  key={id}
                  type="button"
                  role="radio"
                  aria-checked={filter === id}
                  onClick={() => setFilter(id)}
                  className="flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm aria-checked:bg-brand-600 aria-checked:text-white"
                >
                  {label}
                  <span className="text-xs tabular-nums opacity-75" data-testid={`filter-count-${id}`}>
                    {counts[id]}
                  </span>
                </button>
              ))}
            </div>
            {list && filter === 'all' ? (
              <AddTaskForm
                key={list.id}
                defaultDue={null}
                onAdd={async (title, dueDay) => {
                  await actions.addTask(list.id, { title, dueDay }).catch(reportFailure);
                }}
              />
            ) : null}
            {!list && filter === 'all' ? <p className="text-sm text-stone-500">Pick a list to add tasks to it.</p> : null}
            <TaskList
              tasks={shown}
              filter={filter}
              today={today}
              reorderable={list !== null && filter === 'all'}
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
