'use client';

import dynamic from 'next/dynamic';
import { FormLoading } from '../shell/FormLoading';
import { Sparkles } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { QUESTS_URL } from '@/lib/sync/resources/quests';
import { useMorePages } from '@/lib/sync/use-more-pages';
import type { Quest, QuestList } from '@/lib/shared/schemas/quests';
import type { XpProgress } from '@/lib/shared/xp';
import { QuestCard } from './QuestCard';
import { useQuests } from './useQuests';
import { LevelBar } from '../shell/LevelBar';
import { CardSections } from '../shell/CardSection';
import { CardsSkeleton } from '../shell/CardsSkeleton';
import { EmptyState } from '../shell/EmptyState';
import { MorePages } from '../shell/MorePages';
import { PendingCreates } from '../shell/PendingCreates';
import { NewButton } from '../shell/NewButton';
import { isLoaded, QueryFallback } from '../shell/QueryFallback';
import { useCardForms } from '../shell/useCardForms';

// Opened on demand: each form, with its Zod schema, loads the first time it is opened, not with the page.
const QuestForm = dynamic(() => import('./QuestForm').then((m) => m.QuestForm), { ssr: false, loading: () => <FormLoading /> });

const questPage = (body: unknown) => ({ items: (body as QuestList).quests, nextCursor: (body as QuestList).nextCursor });

/** Open quests by nearest deadline (none last), then newest; completed ones by completion, newest first. */
function arrange(quests: Quest[]): { open: Quest[]; done: Quest[] } {
  const open = quests.filter((q) => q.completedAt === null).sort((a, b) => (a.deadline ?? Infinity) - (b.deadline ?? Infinity) || b.createdAt - a.createdAt);
  const done = quests.filter((q) => q.completedAt !== null).sort((a, b) => b.completedAt! - a.completedAt!);
  return { open, done };
}

/** The wall clock, once a minute: deadlines turn overdue without any write. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

function XpSummary({ xp }: { xp: XpProgress }) {
  return (
    <section className="card" aria-label="Experience">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="flex items-center gap-2 text-lg font-semibold">
          <Sparkles className="h-5 w-5 text-brand-600" aria-hidden /> Level <span data-testid="xp-level">{xp.level}</span>
        </p>
        <p className="text-sm text-stone-600">
          <span data-testid="xp-total">{xp.total}</span> XP in total
        </p>
      </div>
      <LevelBar xp={xp} className="mt-2 h-2" />
      <p className="mt-1 text-xs text-stone-500">
        {xp.forNextLevel - xp.intoLevel} XP to level {xp.level + 1}
      </p>
    </section>
  );
}

export function QuestsPanel() {
  const { query, create, update, progress, complete, reopen, remove } = useQuests();
  const firstPage = useMemo(() => query.data && { items: query.data.quests, nextCursor: query.data.nextCursor }, [query.data]);
  const more = useMorePages(QUESTS_URL, firstPage, questPage);
  const forms = useCardForms();
  const now = useMinuteClock();

  if (!isLoaded(query)) {
    return <QueryFallback query={query} skeleton={<CardsSkeleton label="Loading quests" heights={['h-24', 'h-36', 'h-36']} />} what="your quests" />;
  }

  const list: QuestList = query.data;
  const { open, done } = arrange(more.items);
  const card = (quest: Quest) =>
    forms.isOpen('edit', quest.id) ? (
      <QuestForm key={quest.id} quest={quest} onCancel={forms.close} onSubmit={forms.saveEdit(update.mutateAsync, quest.id)} />
    ) : (
      <QuestCard
        key={quest.id}
        quest={quest}
        now={now}
        onProgress={(change) => progress.mutate(change)}
        onComplete={() => complete.mutate(quest.id)}
        onReopen={() => reopen.mutate(quest.id)}
        onEdit={() => forms.openFor('edit', quest.id)}
        onDelete={() => remove.mutate(quest.id)}
      />
    );

  return (
    <div className="space-y-6">
      <XpSummary xp={list.xp} />

      {forms.isNew ? (
        <QuestForm onCancel={forms.close} onSubmit={forms.writeThenClose(create.mutateAsync)} />
      ) : (
        <NewButton label="New quest" onClick={forms.openNew} />
      )}

      {list.quests.length === 0 && !forms.isNew ? (
        <EmptyState testId="quests-empty" title="No quests yet">
          A quest is a longer goal with a target, like “Read 12 books” or “Run 100 km”. Finish one to earn its XP.
        </EmptyState>
      ) : null}

      <PendingCreates url={QUESTS_URL} what="quests" />

      <CardSections
        card={card}
        sections={[
          { id: 'open-quests', title: 'In progress', items: open },
          { id: 'done-quests', title: 'Completed', items: done },
        ]}
      />
      <MorePages {...more} what="quests" />
    </div>
  );
}
