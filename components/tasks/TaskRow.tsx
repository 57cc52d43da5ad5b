'use client';

import { ArrowDown, ArrowUp, Bell, CalendarPlus, GripVertical, MoreVertical, Pencil, Repeat, Trash2 } from 'lucide-react';
import dynamic from 'next/dynamic';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { TaskDetails } from '@/lib/shared/crdt';
import type { Recurrence } from '@/lib/shared/recurrence';
import { useRepeatRules } from '@/lib/sync/tasks/useRepeatRules';
import { DueDateInput } from './DueDateInput';
import { PriorityBadge } from './PriorityBadge';
import { EDIT_TASK } from './shortcuts';
import { REMINDER_CHOICES } from './reminder-choices';
import type { ShownTask } from './view';
import { isDueToday, isOverdue } from './view';

/**
 * The editor (title, notes, priority, time, repeat, reminder) loads when a row is first opened, or
 * when the pointer or the focus first comes into the list (`prepareTaskEditor`): a visit that edits
 * nothing needs none of it (decision 072).
 */
const loadEditor = () => import('./TaskEditor').then((m) => m.TaskEditor);
const TaskEditor = dynamic(loadEditor, {
  ssr: false,
  loading: () => <p className="flex-1 py-1.5 text-sm text-stone-600">Opening the editor…</p>,
});
export const prepareTaskEditor = () => void loadEditor();

export interface TaskRowActions {
  setCompleted: (task: ShownTask, completed: boolean) => void;
  edit: (task: ShownTask, fields: { title?: string; notes?: string }) => Promise<void>;
  setDue: (task: ShownTask, dueDay: string | null) => void;
  remove: (task: ShownTask) => void;
  move: (task: ShownTask, direction: 'up' | 'down') => void;
  /** Rejects with a message to show (a reminder in the past, a rule refused). */
  setDetails: (task: ShownTask, details: TaskDetails) => Promise<void>;
}

/** Present while the list is reorderable (one list, every task shown). */
export interface DragHandlers {
  dragging: boolean;
  dropEdge: 'before' | 'after' | null;
  onDragStart: (e: DragEvent) => void;
  onDragEnd: () => void;
  onDragOver: (e: DragEvent) => void;
  onDrop: (e: DragEvent) => void;
}

interface Props {
  task: ShownTask;
  today: string;
  showList: boolean;
  first: boolean;
  last: boolean;
  actions: TaskRowActions;
  drag: DragHandlers | null;
}

/**
 * A phone's row keeps its width for the title: its actions are one button away, in a sheet at the
 * foot of the screen (a popover: Escape and a tap outside close it).
 */
function TaskActionsSheet({
  task,
  first,
  last,
  reorderable,
  actions,
  onEdit,
}: {
  task: ShownTask;
  first: boolean;
  last: boolean;
  reorderable: boolean;
  actions: TaskRowActions;
  onEdit: () => void;
}) {
  const id = `task-actions-${task.id}`;
  const item = 'flex w-full items-center gap-3 rounded-lg px-3 py-3 text-left text-sm text-stone-800 hover:bg-stone-100 disabled:opacity-50';
  const run = (fn: () => void) => () => {
    document.getElementById(id)?.hidePopover();
    fn();
  };
  return (
    <>
      <button type="button" className="btn-ghost shrink-0 px-1.5 py-1 md:hidden" popoverTarget={id} aria-label={`Actions for ${task.title}`}>
        <MoreVertical className="h-4 w-4" aria-hidden />
      </button>
      <div
        id={id}
        popover="auto"
        role="dialog"
        aria-label={`Actions for ${task.title}`}
        className="inset-x-0 bottom-0 top-auto m-0 w-full max-w-none rounded-t-2xl border border-stone-200 bg-surface p-3 pb-6 text-stone-900 shadow-xl md:hidden"
      >
        <p className="truncate px-3 pb-2 text-sm font-semibold">{task.title}</p>
        <button type="button" className={item} onClick={run(onEdit)}>
          <Pencil className="h-4 w-4" aria-hidden /> Edit
        </button>
        {reorderable ? (
          <>
            <button type="button" className={item} onClick={run(() => actions.move(task, 'up'))} disabled={first}>
              <ArrowUp className="h-4 w-4" aria-hidden /> Move up
            </button>
            <button type="button" className={item} onClick={run(() => actions.move(task, 'down'))} disabled={last}>
              <ArrowDown className="h-4 w-4" aria-hidden /> Move down
            </button>
          </>
        ) : null}
        <button type="button" className={`${item} text-red-700`} onClick={run(() => actions.remove(task))}>
          <Trash2 className="h-4 w-4" aria-hidden /> Delete
        </button>
      </div>
    </>
  );
}

/** One task: complete, edit title and notes inline, due day, move up/down (the keyboard's drag), delete. */
export function TaskRow({ task, today, showList, first, last, actions, drag }: Props) {
  const [editing, setEditing] = useState(false);
  const [dating, setDating] = useState(false);
  const rowRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    const row = rowRef.current;
    const edit = () => setEditing(true);
    row?.addEventListener(EDIT_TASK, edit);
    return () => row?.removeEventListener(EDIT_TASK, edit);
  }, []);
  const overdue = isOverdue(task, today);
  const dueToday = isDueToday(task, today);
  const reorderable = drag !== null && !editing;

  return (
    <li
      ref={rowRef}
      data-testid="task"
      data-task-id={task.id}
      data-completed={task.completed}
      tabIndex={-1}
      draggable={reorderable}
      onDragStart={drag?.onDragStart}
      onDragEnd={drag?.onDragEnd}
      onDragOver={drag?.onDragOver}
      onDrop={drag?.onDrop}
      className={`relative flex items-start gap-3 px-3 py-2.5 focus:bg-brand-50 focus:outline-2 focus:outline-brand-500 ${drag?.dragging ? 'opacity-40' : ''}`}
    >
      {drag?.dropEdge ? (
        <span className={`absolute inset-x-2 h-0.5 rounded bg-brand-500 ${drag.dropEdge === 'before' ? 'top-0' : 'bottom-0'}`} aria-hidden />
      ) : null}
      {reorderable ? <GripVertical className="mt-1.5 h-4 w-4 shrink-0 cursor-grab text-stone-400" aria-hidden /> : null}
      <input
        type="checkbox"
        checked={task.completed}
        onChange={(e) => actions.setCompleted(task, e.target.checked)}
        aria-label={`Done: ${task.title}`}
        className="mt-1.5 h-4 w-4 shrink-0 accent-brand-600"
      />
      {editing ? (
        <TaskEditor
          task={task}
          onSave={(fields) => actions.edit(task, fields)}
          onSaveDetails={(details) => actions.setDetails(task, details)}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="min-w-0 flex-1">
          <button
            type="button"
            onClick={() => setEditing(true)}
            title="Edit"
            className={`block max-w-full truncate text-left text-sm ${task.completed ? 'text-stone-500 line-through' : 'text-stone-900'}`}
          >
            {task.title}
          </button>
          {task.notes ? <p className="mt-0.5 line-clamp-2 whitespace-pre-line text-xs text-stone-500">{task.notes}</p> : null}
          <div className="mt-1 flex flex-wrap items-center gap-2 text-xs">
            {task.priority ? <PriorityBadge priority={task.priority} /> : null}
            {task.dueDay || dating ? (
              <DueDateInput
                value={task.dueDay}
                label={`Due date of ${task.title}`}
                onCommit={(day) => actions.setDue(task, day)}
                autoFocus={dating}
                onBlur={() => setDating(false)}
                className={`rounded border border-transparent bg-transparent px-1 py-0.5 hover:border-stone-300 focus:border-brand-500 focus:outline-none ${overdue ? 'text-red-700' : dueToday ? 'text-brand-700' : 'text-stone-500'}`}
              />
            ) : (
              // No empty "mm/dd/yyyy" on a task without a date: the field opens on demand.
              <button
                type="button"
                className="inline-flex items-center gap-1 rounded px-1 py-0.5 text-stone-500 hover:bg-stone-100 hover:text-stone-800"
                onClick={() => setDating(true)}
                aria-label={`Add a due date to ${task.title}`}
              >
                <CalendarPlus className="h-3.5 w-3.5" aria-hidden /> Date
              </button>
            )}
            {task.dueDay && task.dueTime ? (
              <time className="tabular-nums text-stone-600" data-testid="task-due-time" dateTime={`${task.dueDay}T${task.dueTime}`}>
                {task.dueTime}
              </time>
            ) : null}
            {task.recurrence ? <RepeatsMark recurrence={task.recurrence} /> : null}
            {task.reminder !== null && task.dueDay ? (
              <span className="inline-flex items-center text-stone-600" title={reminderLabel(task.reminder)}>
                <Bell className="h-3.5 w-3.5" aria-hidden />
                <span className="sr-only">Reminder: {reminderLabel(task.reminder)}</span>
              </span>
            ) : null}
            {overdue ? <span className="rounded-full bg-red-50 px-2 py-0.5 font-medium text-red-700">Overdue</span> : null}
            {dueToday ? <span className="rounded-full bg-brand-50 px-2 py-0.5 font-medium text-brand-700">Today</span> : null}
            {showList ? <span className="rounded-full bg-stone-100 px-2 py-0.5 text-stone-600">{task.listName}</span> : null}
          </div>
        </div>
      )}
      {editing ? null : (
        <TaskActionsSheet task={task} first={first} last={last} actions={actions} reorderable={drag !== null} onEdit={() => setEditing(true)} />
      )}
      {editing ? null : (
        <div className="hidden shrink-0 items-center md:flex">
          <button type="button" className="btn-ghost px-1.5 py-1" onClick={() => setEditing(true)} aria-label={`Edit ${task.title}`}>
            <Pencil className="h-4 w-4" aria-hidden />
          </button>
          {drag ? (
            <>
              <button
                type="button"
                id={`move-up-${task.id}`}
                className="btn-ghost px-1.5 py-1"
                onClick={() => actions.move(task, 'up')}
                disabled={first}
                aria-label={`Move ${task.title} up`}
              >
                <ArrowUp className="h-4 w-4" aria-hidden />
              </button>
              <button
                type="button"
                id={`move-down-${task.id}`}
                className="btn-ghost px-1.5 py-1"
                onClick={() => actions.move(task, 'down')}
                disabled={last}
                aria-label={`Move ${task.title} down`}
              >
                <ArrowDown className="h-4 w-4" aria-hidden />
              </button>
            </>
          ) : null}
          <button
            type="button"
            className="btn-ghost px-1.5 py-1 text-stone-500 hover:text-red-700"
            onClick={() => actions.remove(task)}
            aria-label={`Delete ${task.title}`}
          >
            <Trash2 className="h-4 w-4" aria-hidden />
          </button>
        </div>
      )}
    </li>
  );
}

function reminderLabel(minutes: number): string {
  return REMINDER_CHOICES.find((c) => c.minutes === minutes)?.label ?? `${minutes} minutes before`;
}

/** A repeating task's mark: "Repeats" at once, and the rule in words once the rules have loaded. */
function RepeatsMark({ recurrence }: { recurrence: Recurrence }) {
  const rules = useRepeatRules(true);
  const words = rules ? rules.describeRecurrence(recurrence) : null;
  return (
    <span className="inline-flex items-center gap-1 text-stone-600" data-testid="task-repeats" title={words ?? 'Repeats'}>
      <Repeat className="h-3.5 w-3.5" aria-hidden />
      <span className="sr-only">{words ? `Repeats: ${words}` : 'Repeats'}</span>
    </span>
  );
}
