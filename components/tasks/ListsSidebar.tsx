'use client';

import { Archive, Layers, ListTodo, Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { ListView } from '@/lib/shared/crdt';
import type { ListScope } from './view';

interface Props {
  lists: ListView[];
  scope: ListScope;
  onSelect: (scope: ListScope) => void;
  onCreate: (name: string) => Promise<void>;
}

function openCount(list: ListView): number {
  return list.tasks.filter((t) => !t.completed).length;
}

function ListButton({ label, count, current, archived, onClick }: { label: string; count: number; current: boolean; archived?: boolean; onClick: () => void }) {
  const Icon = archived ? Archive : ListTodo;
  return (
    <button
      type="button"
      onClick={onClick}
      aria-current={current ? 'true' : undefined}
      className="flex w-full items-center gap-2 rounded-lg px-3 py-2 text-left text-sm text-stone-700 hover:bg-stone-100 aria-[current=true]:bg-brand-50 aria-[current=true]:font-medium aria-[current=true]:text-brand-700"
    >
      <Icon className="h-4 w-4 shrink-0" aria-hidden />
      <span className="min-w-0 flex-1 truncate">{label}</span>
      <span className="text-xs tabular-nums text-stone-500" aria-hidden>
        {count || ''}
      </span>
      <span className="sr-only">({count} open)</span>
    </button>
  );
}

/** The lists of the user: "All lists", each active list, the archived ones folded away, and a form for a new list. */
export function ListsSidebar({ lists, scope, onSelect, onCreate }: Props) {
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const active = lists.filter((l) => !l.archived);
  const archived = lists.filter((l) => l.archived);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    // Cleared now, not once the create settles: the next name may already be typed by then.
    const created = name;
    setName('');
    setSaving(true);
    try {
      await onCreate(created);
    } catch {
      // onCreate reports its own failures; the form only gives the name back to try again.
      setName((typed) => typed || created);
    } finally {
      setSaving(false);
    }
  }

  return (
    <nav aria-label="Task lists" className="card space-y-3 p-3">
      <ul className="space-y-0.5">
        <li>
          <button
            type="button"
            onClick={() => onSelect(null)}
            aria-current={scope === null ? 'true' : undefined}
            className="flex w-full items-center gap-2 rounded-lg px-3 py-2 text-left text-sm text-stone-700 hover:bg-stone-100 aria-[current=true]:bg-brand-50 aria-[current=true]:font-medium aria-[current=true]:text-brand-700"
          >
            <Layers className="h-4 w-4 shrink-0" aria-hidden /> All lists
          </button>
        </li>
        {active.map((list) => (
          <li key={list.id}>
            <ListButton label={list.name} count={openCount(list)} current={scope === list.id} onClick={() => onSelect(list.id)} />
          </li>
        ))}
      </ul>
      {archived.length > 0 ? (
        <details className="text-sm" open={archived.some((l) => l.id === scope)}>
          <summary className="cursor-pointer rounded-lg px-3 py-1.5 text-stone-500 hover:bg-stone-100">Archived ({archived.length})</summary>
          <ul className="mt-1 space-y-0.5">
            {archived.map((list) => (
              <li key={list.id}>
                <ListButton label={list.name} count={openCount(list)} current={scope === list.id} archived onClick={() => onSelect(list.id)} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <form onSubmit={submit} className="flex gap-2 border-t border-stone-100 pt-3">
        <label htmlFor="new-list-name" className="sr-only">
          New list name
        </label>
        <input id="new-list-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={500} placeholder="New list" className="input py-1.5" />
        <button type="submit" className="btn-secondary shrink-0 px-2.5 py-1.5" disabled={saving || !name.trim()} aria-label="Add list">
          <Plus className="h-4 w-4" aria-hidden />
        </button>
      </form>
    </nav>
  );
}
