'use client';

import { Plus } from 'lucide-react';
import { useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { TaskDetails } from '@/lib/shared/crdt';
import type { ChipKind, QuickAddResult } from '@/lib/shared/quick-add';
import { UnderstoodChips } from './UnderstoodChips';

export interface NewTaskInput extends Pick<TaskDetails, 'dueTime' | 'priority' | 'recurrence'> {
  title: string;
  dueDay: string | null;
}

type Parse = (text: string, skip: ReadonlySet<ChipKind>, now: number) => QuickAddResult;

// The list is the one shown: "#word" stays in the title here (quick add, q, can file elsewhere).
const IN_THIS_LIST: ChipKind = 'list';

/**
 * Title in plain words ("Pay rent fri p1", read like quick add) and an optional due day; the field
 * keeps the focus so several tasks go in quickly. The parser (chrono-node) loads on the first focus.
 */
export function AddTaskForm({
  onAdd,
  defaultDue,
  timeZone,
  takeFocus = false,
  onFocusTaken,
}: {
  onAdd: (task: NewTaskInput) => Promise<void>;
  defaultDue: string | null;
  timeZone: string;
  /** Another add field that had the focus was replaced by this one: take the focus, unless the user has put it somewhere. */
  takeFocus?: boolean;
  onFocusTaken?: () => void;
}) {
  const [title, setTitle] = useState('');
  const [due, setDue] = useState(defaultDue ?? '');
  const [skip, setSkip] = useState<ReadonlySet<ChipKind>>(new Set([IN_THIS_LIST]));
  const [saving, setSaving] = useState(false);
  const [parse, setParse] = useState<Parse | null>(null);
  const loading = useRef<Promise<Parse> | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // Read against the clock of the last keystroke: "in 3 days" means from when it was typed.
  const [now, setNow] = useState(() => Date.now());

  function loadParser(): Promise<Parse> {
    loading.current ??= import('@/lib/shared/quick-add').then(({ parseQuickAdd }) => {
      const loaded: Parse = (text, skipped, at) => parseQuickAdd(text, { now: at, timeZone, lists: [], skip: skipped });
      setParse(() => loaded);
      return loaded;
    });
    return loading.current;
  }

  // Before the browser paints, in the commit that swapped the fields: no keystroke falls between them.
  useLayoutEffect(() => {
    if (!takeFocus) return;
    const active = document.activeElement;
    if (active === null || active === document.body) input.current?.focus();
    onFocusTaken?.();
  }, [takeFocus, onFocusTaken]);

  const parsed = useMemo(() => (parse && title.trim() ? parse(title, skip, now) : null), [parse, title, skip, now]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) return;
    // Cleared now, not once the add settles: the next title may already be typed by then.
    const typed = title;
    const skipped = skip;
    setTitle('');
    setSkip(new Set([IN_THIS_LIST]));
    setSaving(true);
    // The field keeps the focus now, while the button that was clicked goes disabled; not when the
    // add settles, which would pull the focus back from wherever the user has gone since.
    input.current?.focus();
    try {
      const read = (parse ?? (await loadParser()))(typed, skipped, Date.now());
      await onAdd({
        title: read.title || typed.trim(),
        dueDay: read.dueDay ?? (due || null),
        ...(read.dueTime ? { dueTime: read.dueTime } : {}),
        ...(read.priority ? { priority: read.priority } : {}),
        ...(read.recurrence ? { recurrence: read.recurrence } : {}),
      });
    } catch {
      // onAdd reports its own failures; the form only gives the title back to try again.
      setTitle((current) => current || typed);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-2" aria-label="Add a task">
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-48 flex-1">
          <label htmlFor="new-task-title" className="sr-only">
            New task
          </label>
          <input
            id="new-task-title"
            ref={input}
            value={title}
            onFocus={() => void loadParser()}
            onChange={(e) => {
              setTitle(e.target.value);
              setNow(Date.now());
              if (e.target.value === '') setSkip(new Set([IN_THIS_LIST]));
            }}
            maxLength={500}
            autoComplete="off"
            placeholder="Add a task… (try “Pay rent fri p1”)"
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
      </div>
      {parsed && parsed.chips.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 text-sm" aria-live="polite" data-testid="add-task-understood">
          <span className="text-stone-600">
            Adds “<span className="font-medium">{parsed.title}</span>”
          </span>
          <UnderstoodChips parsed={parsed} onRemove={(kind) => setSkip(new Set([...skip, kind]))} />
        </div>
      ) : null}
    </form>
  );
}
