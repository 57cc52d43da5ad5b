'use client';

import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { TaskPlacement } from '@/lib/shared/crdt';
import { prepareTaskEditor, TaskRow, type DragHandlers, type TaskRowActions } from './TaskRow';
import type { ShownTask, TaskFilter } from './view';

interface Props {
  tasks: ShownTask[];
  filter: TaskFilter;
  today: string;
  /** Tasks of one list, unfiltered: they can be dragged or moved up and down. */
  reorderable: boolean;
  showList: boolean;
  actions: Omit<TaskRowActions, 'move'>;
  onMove: (task: ShownTask, placement: TaskPlacement) => void;
}

const EMPTY: Record<TaskFilter, string> = {
  all: 'No tasks here yet.',
  today: 'Nothing due today.',
  overdue: 'Nothing overdue.',
};

type Drop = { id: string; edge: 'before' | 'after' } | null;

/** Open tasks in their order (drag, or the move buttons from the keyboard), then the completed ones. */
export function TaskList({ tasks, filter, today, reorderable, showList, actions, onMove }: Props) {
  const open = tasks.filter((t) => !t.completed);
  const done = tasks.filter((t) => t.completed);
  const [dragId, setDragId] = useState<string | null>(null);
  const [drop, setDrop] = useState<Drop>(null);
  const refocus = useRef<string | null>(null);

  // A moved row is re-inserted in the DOM, which drops the focus: put it back on the same button.
  useEffect(() => {
    if (!refocus.current) return;
    const button = document.getElementById(refocus.current) as HTMLButtonElement | null;
    if (button && !button.disabled) button.focus();
    else document.getElementById(refocus.current.replace(/^move-(up|down)/, (_, d: string) => `move-${d === 'up' ? 'down' : 'up'}`))?.focus();
    refocus.current = null;
  });

  const move = (task: ShownTask, direction: 'up' | 'down') => {
    const i = open.findIndex((t) => t.id === task.id);
    const neighbour = open[direction === 'up' ? i - 1 : i + 1];
    if (!neighbour) return;
    refocus.current = `move-${direction}-${task.id}`;
    onMove(task, direction === 'up' ? { before: neighbour.id } : { after: neighbour.id });
  };

  const dragFor = (task: ShownTask): DragHandlers | null => {
    if (!reorderable || task.completed) return null;
    return {
      dragging: dragId === task.id,
      dropEdge: drop?.id === task.id && dragId !== task.id ? drop.edge : null,
      onDragStart: (e: DragEvent) => {
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', task.id);
        setDragId(task.id);
      },
      onDragEnd: () => {
        setDragId(null);
        setDrop(null);
      },
      onDragOver: (e: DragEvent) => {
        if (!dragId) return;
        e.preventDefault();
        const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
        const edge = e.clientY < box.top + box.height / 2 ? 'before' : 'after';
        if (drop?.id !== task.id || drop.edge !== edge) setDrop({ id: task.id, edge });
      },
      onDrop: (e: DragEvent) => {
        e.preventDefault();
        const dragged = open.find((t) => t.id === dragId);
        if (dragged && dragged.id !== task.id && drop) onMove(dragged, drop.edge === 'before' ? { before: task.id } : { after: task.id });
        setDragId(null);
        setDrop(null);
      },
    };
  };

  const rowActions: TaskRowActions = { ...actions, move };
  if (tasks.length === 0)
    return (
      <p className="px-3 py-8 text-center text-sm text-stone-500" data-testid="tasks-empty">
        {EMPTY[filter]}
      </p>
    );
  return (
    // The editor's code is fetched when the pointer or the focus (j/k, Tab) first comes into the list.
    <div className="space-y-4" onPointerEnter={prepareTaskEditor} onFocus={prepareTaskEditor}>
      {open.length > 0 ? (
        <ul className="divide-y divide-stone-100" aria-label="Open tasks">
          {open.map((task, i) => (
            <TaskRow
              key={task.id}
              task={task}
              today={today}
              showList={showList}
              first={i === 0}
              last={i === open.length - 1}
              actions={rowActions}
              drag={dragFor(task)}
            />
          ))}
        </ul>
      ) : (
        <p className="px-3 py-4 text-center text-sm text-stone-500">Everything here is done.</p>
      )}
      {done.length > 0 ? (
        <details className="group">
          <summary className="cursor-pointer px-3 text-sm text-stone-500">Completed ({done.length})</summary>
          <ul className="mt-2 divide-y divide-stone-100" aria-label="Completed tasks">
            {done.map((task) => (
              <TaskRow key={task.id} task={task} today={today} showList={showList} first last actions={rowActions} drag={null} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
