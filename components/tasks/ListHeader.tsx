'use client';

import { Archive, ArchiveRestore, Pencil, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { ListView } from '@/lib/shared/crdt';

interface Props {
  list: ListView;
  onRename: (name: string) => Promise<void>;
  onArchive: (archived: boolean) => Promise<void>;
  onDelete: () => Promise<void>;
}

type Mode = 'view' | 'rename' | 'confirm-delete';

/** The selected list's name and its actions: rename inline, archive or restore, delete after a confirmation. */
export function ListHeader({ list, onRename, onArchive, onDelete }: Props) {
  const [mode, setMode] = useState<Mode>('view');
  const [name, setName] = useState(list.name);

  async function rename(e: FormEvent) {
    e.preventDefault();
    if (name.trim() && name.trim() !== list.name) await onRename(name);
    setMode('view');
  }

  if (mode === 'rename') {
    return (
      <form onSubmit={rename} className="flex flex-wrap items-center gap-2" onKeyDown={(e) => e.key === 'Escape' && setMode('view')}>
        <label htmlFor="list-name" className="sr-only">
          List name
        </label>
        <input id="list-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={500} className="input max-w-xs" autoFocus />
        <button type="submit" className="btn-primary py-1.5" disabled={!name.trim()}>
          Save
        </button>
        <button type="button" className="btn-ghost py-1.5" onClick={() => setMode('view')}>
          Cancel
        </button>
      </form>
    );
  }

  const open = list.tasks.filter((t) => !t.completed).length;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="min-w-0 truncate text-lg font-semibold" data-testid="list-title">
          {list.name}
        </h2>
        <div className="flex items-center gap-1">
          <button
            type="button"
            className="btn-ghost px-2 py-1.5"
            aria-label="Rename list"
            title="Rename list"
            onClick={() => {
              setName(list.name);
              setMode('rename');
            }}
          >
            <Pencil className="h-4 w-4" aria-hidden />
          </button>
          <button
            type="button"
            className="btn-ghost px-2 py-1.5"
            aria-label={list.archived ? 'Restore list' : 'Archive list'}
            title={list.archived ? 'Restore list' : 'Archive list'}
            onClick={() => void onArchive(!list.archived)}
          >
            {list.archived ? <ArchiveRestore className="h-4 w-4" aria-hidden /> : <Archive className="h-4 w-4" aria-hidden />}
          </button>
          <button
            type="button"
            className="btn-ghost px-2 py-1.5 text-red-700"
            aria-label="Delete list"
            title="Delete list"
            onClick={() => setMode('confirm-delete')}
          >
            <Trash2 className="h-4 w-4" aria-hidden />
          </button>
        </div>
      </div>
      {list.archived ? (
        <p className="rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-600">This list is archived: its tasks do not count towards today or overdue.</p>
      ) : null}
      {mode === 'confirm-delete' ? (
        <div
          role="alertdialog"
          aria-labelledby="delete-list-question"
          className="flex flex-wrap items-center gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm"
        >
          <p id="delete-list-question" className="flex-1 text-red-800">
            Delete “{list.name}”{open ? ` and its ${open} open task${open === 1 ? '' : 's'}` : ''}? This cannot be undone.
          </p>
          <button type="button" className="btn-danger py-1.5" onClick={() => void onDelete()} autoFocus>
            Delete
          </button>
          <button type="button" className="btn-ghost py-1.5" onClick={() => setMode('view')}>
            Cancel
          </button>
        </div>
      ) : null}
    </div>
  );
}
