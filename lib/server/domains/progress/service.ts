import 'server-only';
import { LOCAL_MIDNIGHT_BUCKET_MS, read } from '@/lib/server/platform/http/read';
import { and, count, eq, gte, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import { addDays, localDay, startOfDay } from '@/lib/shared/days';
import { PROGRESS_WINDOW_DAYS, type DayValue, type ProgressQuery, type ProgressRange, type ProgressSummary } from '@/lib/shared/schemas/progress';
import type { ServiceContext } from '@/lib/server/platform/changes';
import { getDb, type Db } from '@/lib/server/platform/db/client';
import { books, readingSessions } from '@/lib/server/domains/books/schema';
import { focusSessions } from '@/lib/server/domains/focus/schema';
import { completedBetween, settlingFocus } from '@/lib/server/domains/focus/today';
import { habitLogs, habits } from '@/lib/server/domains/habits/schema';
import { moodEntries } from '@/lib/server/domains/mood/schema';
import { quests } from '@/lib/server/domains/quests/schema';
import { getXp } from '@/lib/server/domains/quests/service';
import { timeZoneOf } from '@/lib/server/platform/auth/time-zone';

// Progress is the read model over the other domains: aggregates of their rows, always owner-scoped.
// Each figure is computed here once, as PROGRESS_DEFINITIONS (lib/shared/schemas/progress.ts) words it
// for the cards; change the two together.

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3600_000;

interface Window {
  today: string;
  from: string;
  days: ProgressRange;
  /** [fromMs, toMs): local midnight of `from` to the end of today. */
  fromMs: number;
  toMs: number;
  timeZone: string;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * PROGRESS_DEFINITIONS.focus: completed sessions only — an abandoned session is not focus time, a
 * running one not yet — on the local day each started; the total is the sum of the rounded days.
 */
async function focusFigures(db: Db, ctx: ServiceContext, w: Window): Promise<ProgressSummary['focus']> {
  const rows = await db
    .select({ startedAt: focusSessions.startedAt, focusMs: focusSessions.focusMs })
    .from(focusSessions)
    .where(completedBetween(ctx, w.fromMs, w.toMs));
  const msByDay = new Map<string, number>();
  for (const r of rows) {
    const day = localDay(r.startedAt, w.timeZone);
    msByDay.set(day, (msByDay.get(day) ?? 0) + (r.focusMs ?? 0));
  }
  const days = Array.from({ length: w.days }, (_, i) => {
    const day = addDays(w.from, i);
    return { day, minutes: Math.round((msByDay.get(day) ?? 0) / MINUTE_MS) };
  });
  return { days, totalMinutes: days.reduce((sum, d) => sum + d.minutes, 0), sessions: rows.length };
}

/**
 * PROGRESS_DEFINITIONS.habits: a habit is tracked from the later of the window's start and its first
 * day (made, or first logged if logged back earlier) until today or its archiving; it asks for one log
 * a tracked day (daily) or timesPerWeek of every 7 (weekly), rounded to whole logs.
 */
export function habitAsks(cadence: 'daily' | 'weekly', timesPerWeek: number, trackedDays: number): number {
  return cadence === 'daily' ? trackedDays : Math.round((trackedDays * timesPerWeek) / 7);
}

/** Done ÷ asked exactly, and as the card's whole percentage: rounded down, so 100% is never short of a log. */
export function habitRate(logged: number, expected: number): Pick<ProgressSummary['habits'], 'rate' | 'percent'> {
  if (expected === 0) return { rate: null, percent: null };
  return { rate: logged / expected, percent: Math.floor((100 * logged) / expected) };
}

async function habitFigures(db: Db, ctx: ServiceContext, w: Window): Promise<{ figures: ProgressSummary['habits']; series: DayValue[] }> {
  const [rows, logs] = await Promise.all([
    db
      .select({ id: habits.id, cadence: habits.cadence, timesPerWeek: habits.timesPerWeek, createdAt: habits.createdAt, archivedAt: habits.archivedAt })
      .from(habits)
      .where(and(eq(habits.userId, ctx.userId), isNull(habits.deletedAt))),
    db
      .select({ habitId: habitLogs.habitId, day: habitLogs.day })
      .from(habitLogs)
      .where(and(eq(habitLogs.userId, ctx.userId), isNull(habitLogs.deletedAt), gte(habitLogs.day, w.from), lte(habitLogs.day, w.today))),
  ]);
  const daysOf = new Map<string, string[]>();
  for (const { habitId, day } of logs) {
    const days = daysOf.get(habitId);
    if (days) days.push(day);
    else daysOf.set(habitId, [day]);
  }
  let logged = 0;
  let expected = 0;
  for (const h of rows) {
    const logDays = daysOf.get(h.id) ?? [];
    const first = [localDay(h.createdAt, w.timeZone), ...logDays].sort()[0];
    const start = first > w.from ? first : w.from;
    const archived = h.archivedAt === null ? null : localDay(h.archivedAt, w.timeZone);
    const end = archived !== null && archived < w.today ? archived : w.today;
    if (end < start) continue;
    const asked = habitAsks(h.cadence, h.timesPerWeek, daysBetween(start, end) + 1);
    // A habit logged beyond its ask does not make up for another one's missed days.
    logged += Math.min(asked, logDays.filter((d) => d >= start && d <= end).length);
    expected += asked;
  }
  const perDay = new Map<string, number>();
  for (const { day } of logs) perDay.set(day, (perDay.get(day) ?? 0) + 1);
  return { figures: { logged, expected, ...habitRate(logged, expected) }, series: eachDay(w, (day) => perDay.get(day) ?? 0) };
}

/** One value a day of the window, oldest first. */
function eachDay(w: Window, valueOf: (day: string) => number | null): DayValue[] {
  return Array.from({ length: w.days }, (_, i) => {
    const day = addDays(w.from, i);
    return { day, value: valueOf(day) };
  });
}

/** PROGRESS_DEFINITIONS.mood: the mean score of the window's entries, and each day's. */
async function moodFigures(db: Db, ctx: ServiceContext, w: Window): Promise<{ figures: ProgressSummary['mood']; series: DayValue[] }> {
  const rows = await db
    .select({ score: moodEntries.score, recordedAt: moodEntries.recordedAt })
    .from(moodEntries)
    .where(and(eq(moodEntries.userId, ctx.userId), isNull(moodEntries.deletedAt), gte(moodEntries.recordedAt, w.fromMs), lt(moodEntries.recordedAt, w.toMs)));
  const byDay = new Map<string, { sum: number; n: number }>();
  for (const r of rows) {
    const day = localDay(r.recordedAt, w.timeZone);
    const d = byDay.get(day) ?? { sum: 0, n: 0 };
    d.sum += r.score;
    d.n += 1;
    byDay.set(day, d);
  }
  const total = rows.reduce((sum, r) => sum + r.score, 0);
  return {
    figures: { average: rows.length === 0 ? null : total / rows.length, entries: rows.length },
    series: eachDay(w, (day) => {
      const d = byDay.get(day);
      return d ? d.sum / d.n : null;
    }),
  };
}

/** PROGRESS_DEFINITIONS.quests: every live quest, completed ever or still open. */
async function questFigures(db: Db, ctx: ServiceContext): Promise<ProgressSummary['quests']> {
  const row = await db
    .select({ completed: sql<number>`coalesce(sum(${quests.completedAt} is not null), 0)`, all: count() })
    .from(quests)
    .where(and(eq(quests.userId, ctx.userId), isNull(quests.deletedAt)))
    .get();
  const completed = Number(row?.completed ?? 0);
  return { completed, open: Number(row?.all ?? 0) - completed };
}

/** PROGRESS_DEFINITIONS.books (finished ever) and .reading (sessions read in the window, and each day's). */
async function bookFigures(db: Db, ctx: ServiceContext, w: Window): Promise<{ figures: ProgressSummary['books']; series: DayValue[] }> {
  const [finished, sessions] = await Promise.all([
    db
      .select({ n: count() })
      .from(books)
      .where(and(eq(books.userId, ctx.userId), isNull(books.deletedAt), isNotNull(books.completedAt)))
      .get(),
    db
      .select({ minutes: readingSessions.minutes, readAt: readingSessions.readAt })
      .from(readingSessions)
      .where(
        and(
          eq(readingSessions.userId, ctx.userId),
          isNull(readingSessions.deletedAt),
          gte(readingSessions.readAt, w.fromMs),
          lt(readingSessions.readAt, w.toMs),
        ),
      ),
  ]);
  const perDay = new Map<string, number>();
  for (const r of sessions) perDay.set(localDay(r.readAt, w.timeZone), (perDay.get(localDay(r.readAt, w.timeZone)) ?? 0) + (r.minutes ?? 0));
  const readingMinutes = sessions.reduce((sum, r) => sum + (r.minutes ?? 0), 0);
  return { figures: { finished: Number(finished?.n ?? 0), readingMinutes }, series: eachDay(w, (day) => perDay.get(day) ?? 0) };
}

/** The Progress page's figures over the user's own last 7, 30 or 90 calendar days, today included. */
export const getProgress = read<ProgressSummary, ProgressQuery>(
  settlingFocus({ scopes: ['progress', 'focus', 'habits', 'quests', 'books', 'mood', 'profile'], everyMs: LOCAL_MIDNIGHT_BUCKET_MS }),
  async (ctx, query) => {
    const days = query?.days ?? PROGRESS_WINDOW_DAYS;
    const timeZone = await timeZoneOf(getDb(), ctx.userId);
    const today = localDay(Date.now(), timeZone);
    const from = addDays(today, 1 - days);
    const w: Window = { today, from, days, fromMs: startOfDay(from, timeZone), toMs: startOfDay(addDays(today, 1), timeZone), timeZone };
    const db = getDb();
    const [focus, habitsDone, questsDone, xp, booksRead, mood] = await Promise.all([
      focusFigures(db, ctx, w),
      habitFigures(db, ctx, w),
      questFigures(db, ctx),
      getXp(ctx, db), // PROGRESS_DEFINITIONS.level, the same figure as the Quests page's
      bookFigures(db, ctx, w),
      moodFigures(db, ctx, w),
    ]);
    return {
      today,
      from,
      days,
      focus,
      habits: habitsDone.figures,
      quests: questsDone,
      xp,
      books: booksRead.figures,
      mood: mood.figures,
      series: { habits: habitsDone.series, mood: mood.series, reading: booksRead.series },
    };
  },
);
