'use client';

import { activityEffects, moodByDay } from '@/lib/shared/mood-insights';
import { addLocalDays, startOfLocalDay } from '@/lib/shared/local-time';
import type { Activity, MoodEntry } from '@/lib/shared/schemas/mood';
import { useFormats } from '@/lib/sync/use-formats';
import { DayBars } from '../shell/DayBars';

/** The day-by-day average as bars (1–10), with the same figures in a table for screen readers. */
function MoodChart({ entries, from, days }: { entries: readonly MoodEntry[]; from: number; days: number }) {
  const format = useFormats();
  const { timeZone } = format;
  const points = moodByDay(
    entries,
    from,
    days,
    (at) => startOfLocalDay(at, timeZone),
    (at, n) => addLocalDays(at, n, timeZone),
  );
  const logged = points.filter((p) => p.average !== null);
  if (logged.length === 0) return <p className="text-sm text-stone-500">Log a mood to see how it goes over the days.</p>;
  const mean = logged.reduce((sum, p) => sum + p.average!, 0) / logged.length;
  return (
    <figure className="space-y-2">
      <DayBars
        bars={points.map((p) => ({ key: p.at, label: format.shortDay(p.at), value: p.average }))}
        max={10}
        unit="average mood"
        caption="Average mood by day"
        testId="mood-chart"
      />
      <figcaption className="text-xs text-stone-600">
        Daily average, 1 to 10 · {logged.length} of {days} days logged · average {format.decimal(mean)}
      </figcaption>
    </figure>
  );
}

/** "What goes with better days": the mean mood with and without each activity, and how many entries say so. */
function WhatGoesWithBetterDays({ entries, activities }: { entries: readonly MoodEntry[]; activities: readonly Activity[] }) {
  const format = useFormats();
  const names = new Map(activities.map((a) => [a.id, a.label]));
  const effects = activityEffects(entries).filter((e) => names.has(e.activityId) && e.difference !== null);
  if (effects.length === 0) return <p className="text-sm text-stone-500">Tag your moods with activities to see which go with better days.</p>;
  return (
    <div className="space-y-2">
      <table className="w-full text-sm" data-testid="mood-effects">
        <thead className="text-left text-xs text-stone-600">
          <tr>
            <th scope="col" className="py-1 font-medium">
              Activity
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              With it
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Without
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Difference
            </th>
          </tr>
        </thead>
        <tbody>
          {effects.map((e) => (
            <tr key={e.activityId} className="border-t border-stone-100">
              <th scope="row" className="py-1.5 text-left font-medium">
                {names.get(e.activityId)}
              </th>
              <td className="py-1.5 text-right tabular-nums">
                {format.decimal(e.withAverage)} <span className="text-xs text-stone-500">({e.withCount})</span>
              </td>
              <td className="py-1.5 text-right tabular-nums">
                {format.decimal(e.withoutAverage!)} <span className="text-xs text-stone-500">({e.withoutCount})</span>
              </td>
              <td className={`py-1.5 text-right font-medium tabular-nums ${e.difference! > 0 ? 'text-green-700' : e.difference! < 0 ? 'text-red-700' : ''}`}>
                {format.signedDecimal(e.difference!)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-stone-600">
        Average mood of your entries with and without each activity (entries in brackets). It shows what goes together, not what causes what.
      </p>
    </div>
  );
}

/** The mood page's insights over the history window. */
export function MoodInsights({
  entries,
  activities,
  from,
  days,
}: {
  entries: readonly MoodEntry[];
  activities: readonly Activity[];
  from: number;
  days: number;
}) {
  return (
    <div className="space-y-6">
      <MoodChart entries={entries} from={from} days={days} />
      <section aria-labelledby="mood-effects-title" className="space-y-2">
        <h3 id="mood-effects-title" className="text-sm font-semibold">
          What goes with better days
        </h3>
        <WhatGoesWithBetterDays entries={entries} activities={activities} />
      </section>
    </div>
  );
}
