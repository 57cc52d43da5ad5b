'use client';

import { ClipboardList } from 'lucide-react';
import { useMemo } from 'react';
import type { DailyPlan, PlanItem } from '@/lib/shared/schemas/plan';
import { showToast } from '@/lib/sync/toast';
import { useTasks } from '@/lib/sync/tasks/useTasks';
import { useFormats } from '@/lib/sync/use-formats';
import { DueCheckins } from './DueCheckins';
import { GenerateForm } from './GenerateForm';
import { PlanItemRow } from './PlanItemRow';
import { useTodayPlan, type ItemToggle } from './useTodayPlan';
import { CardsSkeleton } from '../shell/CardsSkeleton';
import { EmptyState } from '../shell/EmptyState';
import { isLoaded, QueryFallback } from '../shell/QueryFallback';
import { TitledCard } from '../shell/TitledCard';
import { ProgressBar } from '../shell/ProgressBar';

type Toggle = (change: ItemToggle) => void;

/** `notYet` says why an item cannot be ticked for now (this tab's tasks are still loading), or null. */
function PlanList({ plan, onToggle, notYet = () => null }: { plan: DailyPlan; onToggle: Toggle; notYet?: (item: PlanItem) => string | null }) {
  const done = plan.items.filter((i) => i.done).length;
  if (plan.items.length === 0) {
    return (
      <EmptyState testId="plan-empty" title="Nothing asks for today">
        Tasks due today, habits to log, today&apos;s events, due check-ins and a focus goal all land here. Add some, then regenerate.
      </EmptyState>
    );
  }
  return (
    <TitledCard
      id="plan-title"
      title="Your plan"
      className="card"
      headingClassName="font-semibold"
      aside={
        <p className="text-sm text-stone-600" data-testid="plan-progress">
          {done} of {plan.items.length} done
        </p>
      }
    >
      <ProgressBar label="Plan done" value={done} max={plan.items.length} className="mt-2 h-1.5" />
      <ul className="mt-3 divide-y divide-stone-100" aria-label="Plan items">
        {plan.items.map((item) => (
          <PlanItemRow key={item.id} item={item} notYet={notYet(item)} onToggle={(completed) => onToggle({ item, completed })} />
        ))}
      </ul>
    </TitledCard>
  );
}

/**
 * A plan that lists tasks reads them from this tab's tasks engine, which holds the edits not yet
 * synced (made offline, or a moment ago in another tab), and ticks them through it: a task item is
 * the task, done or not, wherever it was done.
 */
function PlanWithTasks({ plan, onToggle }: { plan: DailyPlan; onToggle: Toggle }) {
  const { ready, lists, actions } = useTasks();
  const tasks = useMemo(() => new Map(lists.flatMap((l) => l.tasks.map((t) => [t.id, { listId: l.id, completed: t.completed }] as const))), [lists]);
  const items = plan.items.map((i): PlanItem => {
    const task = ready && i.kind === 'task' && i.refId ? tasks.get(i.refId) : undefined;
    return task ? { ...i, done: task.completed, listId: task.listId } : i;
  });
  const toggle: Toggle = (change) => {
    const { item, completed } = change;
    if (item.kind !== 'task') return onToggle(change);
    if (!item.refId || !item.listId) return showToast('This task is gone: it was deleted or its list was.');
    // Completing goes through completeTask, so a repeating task gets its next occurrence here too.
    const done = completed ? actions.completeTask(item.listId, item.refId, plan.day) : actions.setCompleted(item.listId, item.refId, false);
    done.catch((error: Error) => showToast(`Could not update the task: ${error.message}`));
  };
  // Until the tab's tasks are loaded (their code comes after the page's first paint), a task item is
  // not tickable: the tick needs the task's list, and "this task is gone" would be untrue.
  const notYet = (item: PlanItem) => (!ready && item.kind === 'task' ? 'Loading your tasks…' : null);
  return <PlanList plan={{ ...plan, items }} onToggle={toggle} notYet={notYet} />;
}

export function TodayPanel() {
  const { query, generate, toggle } = useTodayPlan();
  const format = useFormats();

  if (!isLoaded(query))
    return <QueryFallback query={query} skeleton={<CardsSkeleton label="Loading your plan" heights={['h-20', 'h-64']} />} what="today's plan" />;

  const { day, plan, dueCheckins } = query.data;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <p className="text-sm font-medium text-stone-700" data-testid="plan-day">
          {/* The plan's own day: the profile's, as the server counts it. */}
          {format.calendarDay(day, 'long')}
        </p>
        {plan ? (
          <GenerateForm key={plan.id} initialGoal={plan.focusGoalMinutes} regenerate busy={generate.isPending} onGenerate={(input) => generate.mutate(input)} />
        ) : null}
      </div>

      <DueCheckins checkins={dueCheckins} />

      {plan ? (
        plan.items.some((i) => i.kind === 'task') ? (
          <PlanWithTasks plan={plan} onToggle={(change) => toggle.mutate(change)} />
        ) : (
          <PlanList plan={plan} onToggle={(change) => toggle.mutate(change)} />
        )
      ) : (
        <div className="card" data-testid="plan-none">
          <div className="flex items-start gap-4">
            <ClipboardList className="mt-0.5 h-5 w-5 shrink-0 text-brand-600" aria-hidden />
            <div>
              <p className="font-medium">No plan for today yet</p>
              <p className="mt-1 text-sm text-stone-600">
                Build one from your tasks due today (and overdue), habits still to log, today&apos;s events and due check-ins, with a focus goal if you like.
              </p>
            </div>
          </div>
          <div className="mt-4">
            <GenerateForm initialGoal={null} regenerate={false} busy={generate.isPending} onGenerate={(input) => generate.mutate(input)} />
          </div>
        </div>
      )}
    </div>
  );
}
