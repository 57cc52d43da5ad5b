/**
 * What a user's mood entries say over time and alongside their activities (issue 19, the Mood page).
 * Pure: entries in, figures out; days are the browser's local days, like the history list.
 */

interface Entry {
  score: number;
  activityIds: readonly string[];
  recordedAt: number;
}

export interface DayMood {
  /** The day's local midnight. */
  at: number;
  /** Mean score of the day's entries, or null on a day with none. */
  average: number | null;
  count: number;
}

/** One point a day from `from` (a local midnight) for `days` days: the mean of that day's entries. */
export function moodByDay(
  entries: readonly Entry[],
  from: number,
  days: number,
  dayOf: (at: number) => number,
  nextDay: (at: number, n: number) => number,
): DayMood[] {
  const sums = new Map<number, { sum: number; count: number }>();
  for (const e of entries) {
    const day = dayOf(e.recordedAt);
    const s = sums.get(day) ?? { sum: 0, count: 0 };
    s.sum += e.score;
    s.count += 1;
    sums.set(day, s);
  }
  return Array.from({ length: days }, (_, i) => {
    const at = nextDay(from, i);
    const s = sums.get(at);
    return { at, average: s ? s.sum / s.count : null, count: s?.count ?? 0 };
  });
}

export interface ActivityEffect {
  activityId: string;
  /** Mean score of the entries tagged with the activity, and how many there are. */
  withAverage: number;
  withCount: number;
  /** Mean score of the other entries, and how many (null average when every entry has it). */
  withoutAverage: number | null;
  withoutCount: number;
  /** withAverage − withoutAverage: how much better (or worse) the days with it were; null without a comparison. */
  difference: number | null;
}

/**
 * "What goes with better days": for each activity tagged at least once, the mean mood of the entries
 * with it beside the mean of those without, most positive difference first. A correlation over the
 * user's own entries, not a cause: the page says so, with the counts behind each figure.
 */
export function activityEffects(entries: readonly Entry[]): ActivityEffect[] {
  const ids = new Set(entries.flatMap((e) => e.activityIds));
  const mean = (list: readonly Entry[]) => (list.length === 0 ? null : list.reduce((sum, e) => sum + e.score, 0) / list.length);
  return [...ids]
    .map((activityId): ActivityEffect => {
      const withIt = entries.filter((e) => e.activityIds.includes(activityId));
      const without = entries.filter((e) => !e.activityIds.includes(activityId));
      const withAverage = mean(withIt)!;
      const withoutAverage = mean(without);
      return {
        activityId,
        withAverage,
        withCount: withIt.length,
        withoutAverage,
        withoutCount: without.length,
        difference: withoutAverage === null ? null : withAverage - withoutAverage,
      };
    })
    .sort((a, b) => (b.difference ?? -Infinity) - (a.difference ?? -Infinity) || b.withCount - a.withCount || a.activityId.localeCompare(b.activityId));
}
