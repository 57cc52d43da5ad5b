'use client';

import dynamic from 'next/dynamic';
import { FormLoading } from '../shell/FormLoading';
import type { Habit } from '@/lib/shared/schemas/habits';
import { HabitCard } from './HabitCard';
import { useHabits } from './useHabits';
import { HABITS_URL, habitUrl } from '@/lib/sync/resources/habits';
import { useOutboxRecords } from '@/lib/sync/use-outbox';
import { CardsSkeleton } from '../shell/CardsSkeleton';
import { EmptyState } from '../shell/EmptyState';
import { NewButton } from '../shell/NewButton';
import { PendingCreates } from '../shell/PendingCreates';
import { isLoaded, QueryFallback } from '../shell/QueryFallback';
import { useCardForms } from '../shell/useCardForms';

// Opened on demand: each form, with its Zod schema, loads the first time it is opened, not with the page.
const HabitForm = dynamic(() => import('./HabitForm').then((m) => m.HabitForm), { ssr: false, loading: () => <FormLoading /> });

export function HabitsPanel() {
  const { query, create, update, logDay, remove } = useHabits();
  const forms = useCardForms();
  const waiting = useOutboxRecords();

  if (!isLoaded(query))
    return <QueryFallback query={query} skeleton={<CardsSkeleton label="Loading habits" heights={['h-40', 'h-40']} />} what="your habits" />;

  const { habits, today, historyFrom } = query.data;
  const active = habits.filter((h) => h.archivedAt === null);
  const archived = habits.filter((h) => h.archivedAt !== null);
  const doneToday = active.filter((h) => h.loggedToday).length;
  const card = (habit: Habit) =>
    forms.isOpen('edit', habit.id) ? (
      <HabitForm key={habit.id} habit={habit} onCancel={forms.close} onSubmit={forms.saveEdit(update.mutateAsync, habit.id)} />
    ) : (
      <HabitCard
        key={habit.id}
        habit={habit}
        today={today}
        historyFrom={historyFrom}
        onToggleToday={(logged) => logDay.mutate({ id: habit.id, logged })}
        onToggleDay={(day, logged) => logDay.mutate({ id: habit.id, day, logged })}
        onEdit={() => forms.openFor('edit', habit.id)}
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
        {forms.isNew ? null : <NewButton label="New habit" onClick={forms.openNew} />}
      </div>

      {forms.isNew ? <HabitForm onCancel={forms.close} onSubmit={forms.writeThenClose(create.mutateAsync)} /> : null}

      {habits.length === 0 && !forms.isNew ? (
        <EmptyState testId="habits-empty" title="No habits yet">
          Pick something small you want to do every day, or a few times a week, and log it here.
        </EmptyState>
      ) : null}

      <PendingCreates url={HABITS_URL} what="habits" />

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
