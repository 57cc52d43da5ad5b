'use client';

import { BookOpen, CheckCircle2, Clock, LayoutList, Sparkles, Timer, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { PROGRESS_DEFINITIONS, type ProgressSummary } from '@/lib/shared/schemas/progress';
import { FocusChart } from './FocusChart';
import { StatCard } from './StatCard';
import { useProgress } from './useProgress';
import { LevelBar } from '../shell/LevelBar';
import { isLoaded, QueryFallback } from '../shell/QueryFallback';

function Skeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading your progress">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="card h-28 animate-pulse" />
        ))}
      </div>
      <div className="card h-80 animate-pulse" />
    </div>
  );
}

type Stat = { key: keyof typeof PROGRESS_DEFINITIONS; icon: LucideIcon; label: string; value: ReactNode; detail?: ReactNode };

/** The page's figures, in order; each card's test id and explanation follow from its key. */
function stats({ focus, habits, quests, xp, books }: ProgressSummary): Stat[] {
  return [
    {
      key: 'focus',
      icon: Timer,
      label: 'Focus, last 30 days',
      value: `${focus.totalMinutes} min`,
      detail: `${focus.sessions} ${focus.sessions === 1 ? 'session' : 'sessions'}`,
    },
    {
      key: 'habits',
      icon: LayoutList,
      label: 'Habit completion, last 30 days',
      value: habits.percent === null ? '—' : `${habits.percent}%`,
      detail: habits.percent === null ? 'Nothing asked yet' : `${habits.logged} logged of ${habits.expected} asked`,
    },
    { key: 'quests', icon: CheckCircle2, label: 'Quests completed', value: quests.completed, detail: `${quests.open} open` },
    {
      key: 'level',
      icon: Sparkles,
      label: 'Level',
      value: xp.level,
      detail: (
        <span className="block">
          {xp.total} XP · {xp.forNextLevel - xp.intoLevel} XP to level {xp.level + 1}
          <LevelBar xp={xp} className="mt-2 h-1.5" />
        </span>
      ),
    },
    { key: 'books', icon: BookOpen, label: 'Books finished', value: books.finished },
    { key: 'reading', icon: Clock, label: 'Reading, last 30 days', value: `${books.readingMinutes} min` },
  ];
}

export function ProgressPanel() {
  const query = useProgress();

  if (!isLoaded(query)) return <QueryFallback query={query} skeleton={<Skeleton />} what="your progress" />;

  // Every figure is the server's, computed once as PROGRESS_DEFINITIONS says: this page only shows them.
  const { focus } = query.data;
  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {stats(query.data).map(({ key, ...stat }) => (
          <StatCard key={key} testId={`stat-${key}`} explain={PROGRESS_DEFINITIONS[key]} {...stat} />
        ))}
      </div>
      <FocusChart days={focus.days} totalMinutes={focus.totalMinutes} />
    </div>
  );
}
