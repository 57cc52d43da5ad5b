'use client';

import { BookOpen, CheckCircle2, Clock, LayoutList, Sparkles, Timer } from 'lucide-react';
import { PROGRESS_DEFINITIONS } from '@/lib/shared/schemas/progress';
import { FocusChart } from './FocusChart';
import { StatCard } from './StatCard';
import { useProgress } from './useProgress';
import { LevelBar } from '../shell/LevelBar';
import { LoadFailed } from '../shell/LoadFailed';

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

export function ProgressPanel() {
  const query = useProgress();

  if (query.isPending) return <Skeleton />;
  if (query.isError) {
    return <LoadFailed what="your progress" onRetry={query.refetch} />;
  }

  // Every figure is the server's, computed once as PROGRESS_DEFINITIONS says: this page only shows them.
  const { focus, habits, quests, xp, books } = query.data;
  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <StatCard
          testId="stat-focus"
          icon={Timer}
          label="Focus, last 30 days"
          value={`${focus.totalMinutes} min`}
          detail={`${focus.sessions} ${focus.sessions === 1 ? 'session' : 'sessions'}`}
          explain={PROGRESS_DEFINITIONS.focus}
        />
        <StatCard
          testId="stat-habits"
          icon={LayoutList}
          label="Habit completion, last 30 days"
          value={habits.percent === null ? '—' : `${habits.percent}%`}
          detail={habits.percent === null ? 'Nothing asked yet' : `${habits.logged} logged of ${habits.expected} asked`}
          explain={PROGRESS_DEFINITIONS.habits}
        />
        <StatCard
          testId="stat-quests"
          icon={CheckCircle2}
          label="Quests completed"
          value={quests.completed}
          detail={`${quests.open} open`}
          explain={PROGRESS_DEFINITIONS.quests}
        />
        <StatCard
          testId="stat-level"
          icon={Sparkles}
          label="Level"
          value={xp.level}
          detail={
            <span className="block">
              {xp.total} XP · {xp.forNextLevel - xp.intoLevel} XP to level {xp.level + 1}
              <LevelBar xp={xp} className="mt-2 h-1.5" />
            </span>
          }
          explain={PROGRESS_DEFINITIONS.level}
        />
        <StatCard testId="stat-books" icon={BookOpen} label="Books finished" value={books.finished} explain={PROGRESS_DEFINITIONS.books} />
        <StatCard
          testId="stat-reading"
          icon={Clock}
          label="Reading, last 30 days"
          value={`${books.readingMinutes} min`}
          explain={PROGRESS_DEFINITIONS.reading}
        />
      </div>
      <FocusChart days={focus.days} totalMinutes={focus.totalMinutes} />
    </div>
  );
}
