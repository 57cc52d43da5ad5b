'use client';

import { Plus } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';

/** Title and an optional due day; the field keeps the focus so several tasks go in quickly. */
export function AddTaskForm({ onAdd, defaultDue }: { onAdd: (title: string, dueDay: string | null) => Promise<void>; defaultDue: string | null }) {
  const [title, setTitle] = useState('');
  const [due, setDue] = useState(defaultDue ?? '');
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) return;
    // Cleared now, not once the add settles: the next title may already be typed by then.
    const added = title;
    setTitle('');
    setSaving(true);
    try {
      await onAdd(added, due || null);
    } catch {
      // onAdd reports its own failures; the form only gives the title back to try again.
      setTitle((typed) => typed || added);
    } finally {
      setSaving(false);
      input.current?.focus();
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Add a task">
      <div className="min-w-48 flex-1">
        <label htmlFor="new-task-title" className="sr-only">
          New task
        </label>
        <input
          id="new-task-title"
          ref={input}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={500}
          placeholder="Add a task…"
          className="input"
        />
      </div>
      <div>
        <label htmlFor="new-task-due" className="sr-only">
          Due date
        </label>
        <input id="new-task-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} className="input" />
      </div>
      <button type="submit" className="btn-primary" disabled={saving || !title.trim()}>
        <Plus className="h-4 w-4" aria-hidden /> Add task
      </button>
    </form>
  );
}
