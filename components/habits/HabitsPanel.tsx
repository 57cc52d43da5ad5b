'use client';

import { Plus } from 'lucide-react';
import { useState } from 'react';
import type { Habit } from '@/lib/shared/schemas/habits';
import { HabitCard } from './HabitCard';
import { HabitForm } from './HabitForm';
import { useHabits } from './useHabits';
import { habitUrl } from '@/lib/sync/resources/habits';
import { useOutboxRecords } from '@/lib/sync/use-outbox';
import { LoadFailed } from '../shell/LoadFailed';
import { CardsSkeleton } from '../shell/CardsSkeleton';
import { EmptyState } from '../shell/EmptyState';

type Editing = { kind: 'new' } | { kind: 'edit'; id: string } | null;

export function HabitsPanel() {
  const { query, create, update, logToday, remove } = useHabits();
  const [editing, setEditing] = useState<Editing>(null);
  const waiting = useOutboxRecords();

  if (query.isPending) return <CardsSkeleton label="Loading habits" heights={['h-40', 'h-40']} />;
  if (query.isError) {
    return <LoadFailed what="your habits" onRetry={query.refetch} />;
  }

  const { habits, today, historyFrom } = query.data;
  const active = habits.filter((h) => h.archivedAt === null);
  const archived = habits.filter((h) => h.archivedAt !== null);
  const doneToday = active.filter((h) => h.loggedToday).length;
  const close = () => setEditing(null);
  const card = (habit: Habit) =>
    editing?.kind === 'edit' && editing.id === habit.id ? (
      <HabitForm
        key={habit.id}
        habit={habit}
        onCancel={close}
        onSubmit={async (input) => {
          await update.mutateAsync({ id: habit.id, patch: input });
          close();
        }}
      />
    ) : (
      <HabitCard
        key={habit.id}
        habit={habit}
        today={today}
        historyFrom={historyFrom}
        onToggleToday={(logged) => logToday.mutate({ id: habit.id, logged })}
        onEdit={() => setEditing({ kind: 'edit', id: habit.id })}
        onArchive={(value) => update.mutate({ id: habit.id, patch: { archived: value } })}
        onDelete={() => remove.mutate(habit.id)}
        waiting={waiting.some((w) => w.url.startsWith(habitUrl(habit.id)))}
      />
    );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        {active.length > 0 ? (
          <p className="text-sm text-stone-600" data-testid="habits-today">
            {doneToday} of {active.length} done today
          </p>
        ) : (
          <span />
        )}
        {editing?.kind !== 'new' ? (
          <button type="button" className="btn-primary" onClick={() => setEditing({ kind: 'new' })}>
            <Plus className="h-4 w-4" aria-hidden /> New habit
          </button>
        ) : null}
      </div>

      {editing?.kind === 'new' ? (
        <HabitForm
          onCancel={close}
          onSubmit={async (input) => {
            await create.mutateAsync(input);
            close();
          }}
        />
      ) : null}

      {habits.length === 0 && editing?.kind !== 'new' ? (
        <EmptyState testId="habits-empty" title="No habits yet">
          Pick something small you want to do every day, or a few times a week, and log it here.
        </EmptyState>
      ) : null}

      {active.length > 0 ? <div className="grid gap-4 lg:grid-cols-2">{active.map(card)}</div> : null}

      {archived.length > 0 ? (
        <details className="group">
          <summary className="cursor-pointer text-sm font-semibold uppercase tracking-wide text-stone-500">Archived ({archived.length})</summary>
          <div className="mt-3 grid gap-4 lg:grid-cols-2">{archived.map(card)}</div>
        </details>
      ) : null}
    </div>
  );
}
