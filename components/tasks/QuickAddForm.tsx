'use client';

import { Plus, X } from 'lucide-react';
import { useMemo, useState, type FormEvent } from 'react';
import { parseQuickAdd, type ChipKind } from '@/lib/shared/quick-add';
import { useTasks } from '@/lib/sync/tasks/useTasks';
import { showToast } from '@/lib/sync/toast';
import { UnderstoodChips } from './UnderstoodChips';
import { useUserTimeZone } from '@/lib/sync/use-formats';

/** The quick-add form: the plain-words parser (chrono-node) comes with it, on the first open. */
export function QuickAddForm({ onDone }: { onDone: () => void }) {
  const { ready, lists, actions } = useTasks();
  const timeZone = useUserTimeZone();
  const [text, setText] = useState('');
  const [skip, setSkip] = useState<ReadonlySet<ChipKind>>(new Set());
  const [chosenList, setChosenList] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const active = useMemo(() => lists.filter((l) => !l.archived), [lists]);
  // Read against the clock of the last keystroke: "in 3 days" means from when it was typed.
  const [now, setNow] = useState(() => Date.now());
  const parsed = useMemo(() => parseQuickAdd(text, { now, timeZone, lists: active, skip }), [text, now, timeZone, active, skip]);
  const listId = parsed.listId ?? chosenList ?? active[0]?.id ?? null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!parsed.title || !ready || saving) return;
    setSaving(true);
    try {
      const target = listId ?? (await actions.createList('Inbox'));
      const { title, dueDay, dueTime, priority, recurrence } = parsed;
      await actions.addTaskWithDetails(target, {
        title,
        dueDay,
        ...(dueTime ? { dueTime } : {}),
        ...(priority ? { priority } : {}),
        ...(recurrence ? { recurrence } : {}),
      });
      showToast(`Added “${title}”`, 'info', 3000);
      onDone();
    } catch (err) {
      showToast(err instanceof Error ? `Could not add: ${err.message}` : 'Could not add the task.');
      setSaving(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3 p-5" aria-label="Quick add">
      <div className="flex items-center justify-between">
        <h2 id="quick-add-title" className="text-lg font-semibold">
          Quick add
        </h2>
        <button type="button" className="btn-ghost p-1.5" onClick={onDone} aria-label="Close">
          <X className="h-4 w-4" aria-hidden />
        </button>
      </div>
      <div>
        <label htmlFor="quick-add-input" className="sr-only">
          Task, in plain words
        </label>
        <input
          id="quick-add-input"
          className="input"
          value={text}
          autoFocus
          maxLength={500}
          autoComplete="off"
          placeholder="Call mom tomorrow 5pm p1 #home every monday"
          aria-describedby="quick-add-help"
          onChange={(e) => {
            setText(e.target.value);
            setNow(Date.now());
            if (e.target.value === '') setSkip(new Set());
          }}
        />
        <p id="quick-add-help" className="mt-1 text-xs text-stone-500">
          Dates and times, “every …” to repeat, p1–p4 for priority, #list. Remove a chip to keep those words in the title.
        </p>
      </div>
      {text.trim() ? (
        <div className="space-y-2" aria-live="polite">
          <p className="text-sm">
            <span className="text-stone-500">Title: </span>
            <span className="font-medium" data-testid="quick-add-title-preview">
              {parsed.title}
            </span>
          </p>
          <UnderstoodChips parsed={parsed} onRemove={(kind) => setSkip(new Set([...skip, kind]))} />
        </div>
      ) : null}
      <div className="flex flex-wrap items-end justify-between gap-3">
        {parsed.listId === null && active.length > 1 ? (
          <label className="flex items-center gap-2 text-sm text-stone-600">
            List
            <select className="input w-auto py-1.5" value={listId ?? ''} onChange={(e) => setChosenList(e.target.value)}>
              {active.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="text-sm text-stone-500">{listId ? `In ${active.find((l) => l.id === listId)?.name ?? ''}` : 'In a new list, Inbox'}</span>
        )}
        <button type="submit" className="btn-primary" disabled={!parsed.title || !ready || saving}>
          <Plus className="h-4 w-4" aria-hidden /> Add task
        </button>
      </div>
    </form>
  );
}
