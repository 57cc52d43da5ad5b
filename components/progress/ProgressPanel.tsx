'use client';

import { BookOpen, CheckCircle2, Clock, LayoutList, Smile, Sparkles, Timer, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { PROGRESS_DEFINITIONS, PROGRESS_RANGES, PROGRESS_WINDOW_DAYS, type DayValue, type ProgressRange, type ProgressSummary } from '@/lib/shared/progress';
import { useSyncEnv } from '@/lib/sync/provider';
import { useStoredChoice } from '@/lib/sync/use-stored-choice';
import type { Formats } from '@/lib/shared/format';
import { useFormats } from '@/lib/sync/use-formats';
import { DayBars } from '../shell/DayBars';
import { SegmentedChoice } from '../shell/SegmentedChoice';
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
function stats({ days, focus, habits, quests, xp, books, mood }: ProgressSummary, format: Formats): Stat[] {
  return [
    {
      key: 'focus',
      icon: Timer,
      label: `Focus, last ${days} days`,
      value: `${format.count(focus.totalMinutes)} min`,
      detail: `${focus.sessions} ${focus.sessions === 1 ? 'session' : 'sessions'}`,
    },
    {
      key: 'habits',
      icon: LayoutList,
      label: `Habit completion, last ${days} days`,
      value: habits.percent === null ? '—' : format.percent(habits.percent / 100),
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
    { key: 'reading', icon: Clock, label: `Reading, last ${days} days`, value: `${format.count(books.readingMinutes)} min` },
    {
      key: 'mood',
      icon: Smile,
      label: `Mood, last ${days} days`,
      value: mood.average === null ? '—' : format.decimal(mood.average),
      detail: mood.entries === 0 ? 'No moods logged' : `average of ${mood.entries} ${mood.entries === 1 ? 'entry' : 'entries'}, 1–10`,
    },
  ];
}

const RANGE_OPTIONS = PROGRESS_RANGES.map((days) => ({ value: String(days), label: `${days} days` }));
const RANGE_IDS = RANGE_OPTIONS.map((o) => o.value);

/** A day-by-day series of the window as a small bar chart card. */
function SeriesCard({
  title,
  series,
  max,
  unit,
  testId,
  summary,
}: {
  title: string;
  series: DayValue[];
  max: number;
  unit: string;
  testId: string;
  summary: string;
}) {
  const format = useFormats();
  return (
    <figure className="card space-y-3" aria-labelledby={`${testId}-title`}>
      <figcaption id={`${testId}-title`} className="font-semibold">
        {title}
      </figcaption>
      <p className="text-sm text-stone-600">{summary}</p>
      <DayBars
        bars={series.map((d) => ({ key: d.day, label: format.calendarDay(d.day, 'short'), value: d.value }))}
        max={max}
        unit={unit}
        caption={title}
        testId={testId}
      />
    </figure>
  );
}

export function ProgressPanel() {
  const { userId } = useSyncEnv();
  const [range, setRange] = useStoredChoice(`pos:progress-range:${userId}`, RANGE_IDS, String(PROGRESS_WINDOW_DAYS));
  const days = Number(range) as ProgressRange;
  const query = useProgress(days);
  const format = useFormats();

  const choice = (
    <div className="flex flex-wrap items-center gap-3">
      <span className="text-sm text-stone-600" aria-hidden>
        Show the last
      </span>
      <SegmentedChoice options={RANGE_OPTIONS} value={range} onChange={setRange} label="Show the last" testId="progress-range" />
    </div>
  );
  if (!isLoaded(query))
    return (
      <div className="space-y-6">
        {choice}
        <QueryFallback query={query} skeleton={<Skeleton />} what="your progress" />
      </div>
    );

  // Every figure is the server's, computed once as PROGRESS_DEFINITIONS says: this page only shows them.
  const { focus, series, habits, books, mood } = query.data;
  return (
    <div className="space-y-6">
      {choice}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {stats(query.data, format).map(({ key, ...stat }) => (
          <StatCard key={key} testId={`stat-${key}`} explain={PROGRESS_DEFINITIONS[key]} {...stat} />
        ))}
      </div>
      <FocusChart days={focus.days} totalMinutes={focus.totalMinutes} />
      <div className="grid gap-4 lg:grid-cols-3">
        <SeriesCard
          title="Habit logs per day"
          series={series.habits}
          max={1}
          unit="logs"
          testId="habits-chart"
          summary={`${habits.logged} of ${habits.expected} asked.`}
        />
        <SeriesCard
          title="Mood per day"
          series={series.mood}
          max={10}
          unit="average mood"
          testId="mood-progress-chart"
          summary={mood.average === null ? 'No moods logged.' : `Average ${format.decimal(mood.average)} of ${mood.entries} entries.`}
        />
        <SeriesCard
          title="Reading minutes per day"
          series={series.reading}
          max={1}
          unit="minutes"
          testId="reading-chart"
          summary={`${books.readingMinutes} minutes in all.`}
        />
      </div>
    </div>
  );
}
