'use client';

import { ArrowDown, ArrowUp, Bell, CalendarPlus, GripVertical, MoreVertical, Pencil, Repeat, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { TaskDetails } from '@/lib/shared/crdt';
import type { Recurrence } from '@/lib/shared/recurrence';
import { useRepeatRules } from '@/lib/sync/tasks/useRepeatRules';
import { DueDateInput } from './DueDateInput';
import { PriorityBadge } from './PriorityBadge';
import { EDIT_TASK } from './shortcuts';
import { draftOf, recurrenceOf, REMINDER_CHOICES, TaskDetailsFields, type DetailsDraft } from './TaskDetailsFields';
import type { ShownTask } from './view';
import { isDueToday, isOverdue } from './view';

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

function changedDetails(task: ShownTask, draft: DetailsDraft): TaskDetails {
  const details: TaskDetails = {};
  const before = draftOf(task);
  if (draft.priority !== before.priority) details.priority = draft.priority;
  if ((draft.dueTime || null) !== task.dueTime) details.dueTime = draft.dueTime || null;
  if (draft.reminder !== before.reminder) details.reminder = draft.reminder;
  const recurrence = recurrenceOf(draft);
  if (recurrence !== undefined && JSON.stringify(recurrence) !== JSON.stringify(task.recurrence)) details.recurrence = recurrence;
  return details;
}

function Editor({
  task,
  onSave,
  onSaveDetails,
  onCancel,
}: {
  task: ShownTask;
  onSave: (fields: { title?: string; notes?: string }) => Promise<void>;
  onSaveDetails: (details: TaskDetails) => Promise<void>;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(task.title);
  const [notes, setNotes] = useState(task.notes);
  const [draft, setDraft] = useState(() => draftOf(task));
  const [problem, setProblem] = useState<string | null>(null);
  const titleId = `task-title-${task.id}`;
  const notesId = `task-notes-${task.id}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) return;
    const fields: { title?: string; notes?: string } = {};
    if (title.trim() !== task.title) fields.title = title;
    if (notes !== task.notes) fields.notes = notes;
    const details = changedDetails(task, draft);
    if (Object.keys(details).length > 0) {
      try {
        await onSaveDetails(details);
      } catch (err) {
        setProblem(err instanceof Error ? err.message : 'Could not save these details');
        return;
      }
    }
    if (fields.title !== undefined || fields.notes !== undefined) await onSave(fields);
    onCancel();
  }

  return (
    <form onSubmit={submit} className="flex-1 space-y-2" onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label={`Edit “${task.title}”`}>
      <div>
        <label htmlFor={titleId} className="sr-only">
          Title
        </label>
        <input id={titleId} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={500} className="input py-1.5" autoFocus />
      </div>
      <div>
        <label htmlFor={notesId} className="sr-only">
          Notes
        </label>
        <textarea
          id={notesId}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          maxLength={10_000}
          rows={3}
          placeholder="Notes"
          className="input py-1.5"
        />
      </div>
      <TaskDetailsFields draft={draft} onChange={setDraft} dueDay={task.dueDay} current={task.recurrence} idPrefix={`task-${task.id}`} />
      {problem ? (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary py-1.5" disabled={!title.trim()}>
          Save
        </button>
        <button type="button" className="btn-ghost py-1.5" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
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
        <Editor
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
