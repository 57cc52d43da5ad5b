'use client';

import { Plus, Sparkles } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { Quest, QuestList } from '@/lib/shared/schemas/quests';
import type { XpProgress } from '@/lib/shared/xp';
import { QuestCard } from './QuestCard';
import { QuestForm } from './QuestForm';
import { useQuests } from './useQuests';

type Editing = { kind: 'new' } | { kind: 'edit'; id: string } | null;

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
  const percent = Math.round((xp.intoLevel / xp.forNextLevel) * 100);
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
      <div
        className="mt-2 h-2 overflow-hidden rounded-full bg-stone-100"
        role="progressbar"
        aria-label="Progress to the next level"
        aria-valuemin={0}
        aria-valuemax={xp.forNextLevel}
        aria-valuenow={xp.intoLevel}
      >
        <div className="h-full bg-brand-500 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-xs text-stone-500">
        {xp.forNextLevel - xp.intoLevel} XP to level {xp.level + 1}
      </p>
    </section>
  );
}

function Skeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading quests">
      <div className="card h-24 animate-pulse" />
      <div className="card h-36 animate-pulse" />
      <div className="card h-36 animate-pulse" />
    </div>
  );
}

export function QuestsPanel() {
  const { query, create, update, progress, complete, reopen, remove } = useQuests();
  const [editing, setEditing] = useState<Editing>(null);
  const now = useMinuteClock();

  if (query.isPending) return <Skeleton />;
  if (query.isError) {
    return (
      <div className="card" role="alert">
        <p className="text-sm text-red-700">Could not load your quests.</p>
        <button type="button" className="btn-secondary mt-3" onClick={() => query.refetch()}>
          Retry
        </button>
      </div>
    );
  }

  const list: QuestList = query.data;
  const { open, done } = arrange(list.quests);
  const close = () => setEditing(null);
  const card = (quest: Quest) =>
    editing?.kind === 'edit' && editing.id === quest.id ? (
      <QuestForm
        key={quest.id}
        quest={quest}
        onCancel={close}
        onSubmit={async (input) => {
          await update.mutateAsync({ id: quest.id, patch: input });
          close();
        }}
      />
    ) : (
      <QuestCard
        key={quest.id}
        quest={quest}
        now={now}
        onProgress={(change) => progress.mutate(change)}
        onComplete={() => complete.mutate(quest.id)}
        onReopen={() => reopen.mutate(quest.id)}
        onEdit={() => setEditing({ kind: 'edit', id: quest.id })}
        onDelete={() => remove.mutate(quest.id)}
      />
    );

  return (
    <div className="space-y-6">
      <XpSummary xp={list.xp} />

      {editing?.kind === 'new' ? (
        <QuestForm
          onCancel={close}
          onSubmit={async (input) => {
            await create.mutateAsync(input);
            close();
          }}
        />
      ) : (
        <button type="button" className="btn-primary" onClick={() => setEditing({ kind: 'new' })}>
          <Plus className="h-4 w-4" aria-hidden /> New quest
        </button>
      )}

      {list.quests.length === 0 && editing?.kind !== 'new' ? (
        <div className="card text-center" data-testid="quests-empty">
          <p className="font-medium">No quests yet</p>
          <p className="mt-1 text-sm text-stone-600">
            A quest is a longer goal with a target, like “Read 12 books” or “Run 100 km”. Finish one to earn its XP.
          </p>
        </div>
      ) : null}

      {open.length > 0 ? (
        <section aria-labelledby="open-quests" className="space-y-3">
          <h2 id="open-quests" className="text-sm font-semibold uppercase tracking-wide text-stone-500">
            In progress
          </h2>
          <div className="grid gap-4 md:grid-cols-2">{open.map(card)}</div>
        </section>
      ) : null}

      {done.length > 0 ? (
        <section aria-labelledby="done-quests" className="space-y-3">
          <h2 id="done-quests" className="text-sm font-semibold uppercase tracking-wide text-stone-500">
            Completed
          </h2>
          <div className="grid gap-4 md:grid-cols-2">{done.map(card)}</div>
        </section>
      ) : null}
    </div>
  );
}
