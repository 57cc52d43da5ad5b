'use client';

import { useState, type FormEvent } from 'react';
import type { TaskDetails } from '@/lib/shared/crdt';
import { draftOf, recurrenceOf, TaskDetailsFields, type DetailsDraft } from './TaskDetailsFields';
import type { ShownTask } from './view';

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

/** A task's row opened for editing: title, notes and the details; Escape or Cancel closes it. */
export function TaskEditor({
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
