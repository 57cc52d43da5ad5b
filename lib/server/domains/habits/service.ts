import 'server-only';
import { LOCAL_MIDNIGHT_BUCKET_MS, read } from '@/lib/server/platform/http/read';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { localDay } from '@/lib/shared/days';
import { countInWeek, habitStreak, historyStart, weekStart } from '@/lib/shared/habit-streaks';
import type { Habit, HabitCreateInput, HabitDeleted, HabitList, HabitLogInput, HabitPatchInput } from '@/lib/shared/schemas/habits';
import { writeChange, type ServiceContext, type WriteScope } from '@/lib/server/platform/changes';
import { getDb, type Db, type Tx } from '@/lib/server/platform/db/client';
import { ownedRecords, tombstone } from '@/lib/server/platform/db/owned';
import { habitLogs, habits } from './schema';
import { timeZoneOf } from '@/lib/server/platform/auth/time-zone';
import { badRequest, conflict, notFound } from '@/lib/server/platform/errors';

type HabitRow = typeof habits.$inferSelect;
type HabitChange = Partial<Omit<HabitRow, 'id' | 'userId' | 'serverVersion' | 'updatedAt' | 'createdAt'>>;

/** The days a habit has on record by default (daily habits count every day of the week). */
const DAILY_TIMES_PER_WEEK = 7;

/** "Today" and the history window in the user's own time zone. */
interface Calendar {
  today: string;
  historyFrom: string;
}

async function calendarOf(db: Db | Tx, ctx: ServiceContext, now: number): Promise<Calendar> {
  const today = await todayOf(db, ctx, now);
  return { today, historyFrom: historyStart(today) };
}

function toHabit(row: HabitRow, logged: ReadonlySet<string>, { today, historyFrom }: Calendar): Habit {
  const goal = { cadence: row.cadence, timesPerWeek: row.timesPerWeek };
  return {
    id: row.id,
    name: row.name,
    ...goal,
    color: row.color,
    archivedAt: row.archivedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    loggedToday: logged.has(today),
    streak: habitStreak(goal, logged, today),
    thisWeekCount: countInWeek(logged, weekStart(today)),
    history: [...logged].filter((d) => d >= historyFrom && d <= today).sort(),
  };
}

const ownedLogs = ownedRecords(habitLogs, 'Habit log');

/** A deleted habit's logs go too (web deletes and native uploads alike). */
export const deleteHabitLogsOf = (w: WriteScope, ctx: ServiceContext, habitId: string, at: number): Promise<number> =>
  ownedLogs.removeAll(w, ctx, eq(habitLogs.habitId, habitId), at);

const ownedHabits = ownedRecords(habits, 'Habit', { cascade: deleteHabitLogsOf });
const getHabitOrThrow = ownedHabits.getOrThrow;

/** Every live logged day of one habit (streaks can reach back past the history window). */
async function loggedDays(db: Db | Tx, ctx: ServiceContext, habitId: string): Promise<Set<string>> {
  const rows = await db
    .select({ day: habitLogs.day })
    .from(habitLogs)
    .where(and(eq(habitLogs.userId, ctx.userId), eq(habitLogs.habitId, habitId), isNull(habitLogs.deletedAt)));
  return new Set(rows.map((r) => r.day));
}

export const listHabits = read<HabitList>({ scopes: ['habits', 'profile'], everyMs: LOCAL_MIDNIGHT_BUCKET_MS }, async (ctx) => {
  const db = getDb();
  const calendar = await calendarOf(db, ctx, Date.now());
  const [rows, logs] = await Promise.all([
    db.select().from(habits).where(ownedHabits.live(ctx)).orderBy(asc(habits.createdAt), asc(habits.id)),
    db.select({ habitId: habitLogs.habitId, day: habitLogs.day }).from(habitLogs).where(ownedLogs.live(ctx)),
  ]);
  const byHabit = new Map<string, Set<string>>();
  for (const { habitId, day } of logs) {
    let days = byHabit.get(habitId);
    if (!days) byHabit.set(habitId, (days = new Set()));
    days.add(day);
  }
  return { ...calendar, habits: rows.map((row) => toHabit(row, byHabit.get(row.id) ?? new Set(), calendar)) };
});

export async function createHabit(ctx: ServiceContext, input: HabitCreateInput): Promise<Habit> {
  return writeChange(ctx, ['habits'], async (w) => {
    const row = await ownedHabits.insert(w, ctx, {
      name: input.name,
      cadence: input.cadence,
      timesPerWeek: input.cadence === 'weekly' ? (input.timesPerWeek ?? DAILY_TIMES_PER_WEEK) : DAILY_TIMES_PER_WEEK,
      color: input.color ?? null,
    });
    return toHabit(row, new Set(), await calendarOf(w.tx, ctx, w.now));
  });
}

/** Edits, archives or unarchives a habit; its goal feeds Progress's consistency figures. */
export async function updateHabit(ctx: ServiceContext, id: string, patch: HabitPatchInput): Promise<Habit> {
  return writeChange(ctx, ['habits', 'progress'], async (w) => {
    const habit = await getHabitOrThrow(w.tx, ctx, id);
    const { archived, ...fields } = patch;
    const change: HabitChange = { ...fields };
    const cadence = patch.cadence ?? habit.cadence;
    if (cadence === 'daily') change.timesPerWeek = DAILY_TIMES_PER_WEEK;
    if (archived !== undefined) change.archivedAt = archived ? (habit.archivedAt ?? w.now) : null;
    const row = await ownedHabits.save(w, ctx, habit.id, change);
    return toHabit(row, await loggedDays(w.tx, ctx, habit.id), await calendarOf(w.tx, ctx, w.now));
  });
}

/** Deletes a habit and its logs (soft, so native clients sync both deletions). */
export async function deleteHabit(ctx: ServiceContext, id: string): Promise<HabitDeleted> {
  return writeChange(ctx, ['habits', 'progress'], async (w) => tombstone(await ownedHabits.remove(w, ctx, id), w));
}

/** The user's "today" in their own time zone: a habit is never logged ahead of it (web and native alike). */
export async function todayOf(db: Db | Tx, ctx: ServiceContext, now: number): Promise<string> {
  return localDay(now, await timeZoneOf(db, ctx.userId));
}

/** Refuses a habit log for a day after `today` (400). */
export function assertNotAfterToday(day: string, today: string): void {
  if (day > today) throw badRequest(`${day} is after today (${today})`);
}

/** The day a log or undo is about: today unless an earlier day of the history window is named. */
function dayToLog(calendar: Calendar, day: string | undefined): string {
  const chosen = day ?? calendar.today;
  assertNotAfterToday(chosen, calendar.today);
  if (chosen < calendar.historyFrom) throw badRequest(`Only days from ${calendar.historyFrom} on can be logged`);
  return chosen;
}

async function logRowOf(tx: Tx, ctx: ServiceContext, habitId: string, day: string) {
  return tx
    .select()
    .from(habitLogs)
    .where(and(eq(habitLogs.userId, ctx.userId), eq(habitLogs.habitId, habitId), eq(habitLogs.day, day)))
    .get();
}

async function openHabitForLogging(w: WriteScope, ctx: ServiceContext, id: string, day: string | undefined) {
  const habit = await getHabitOrThrow(w.tx, ctx, id);
  if (habit.archivedAt !== null) throw conflict('This habit is archived; unarchive it to log it');
  const calendar = await calendarOf(w.tx, ctx, w.now);
  return { habit, calendar, day: dayToLog(calendar, day) };
}

/** Logs a day (today by default); a log undone earlier is revived, since (user, habit, day) is unique. */
export async function logHabit(ctx: ServiceContext, id: string, input: HabitLogInput): Promise<Habit> {
  return writeChange(ctx, ['habits', 'progress'], async (w) => {
    const { habit, calendar, day } = await openHabitForLogging(w, ctx, id, input.day);
    const existing = await logRowOf(w.tx, ctx, habit.id, day);
    if (existing && existing.deletedAt === null) throw conflict(`Already logged on ${day}`);
    if (existing) await ownedLogs.save(w, ctx, existing.id, { deletedAt: null });
    else await ownedLogs.insert(w, ctx, { habitId: habit.id, day });
    return toHabit(habit, await loggedDays(w.tx, ctx, habit.id), calendar);
  });
}

/** Undoes a day's log (today by default) by soft-deleting it. */
export async function undoHabitLog(ctx: ServiceContext, id: string, input: HabitLogInput): Promise<Habit> {
  return writeChange(ctx, ['habits', 'progress'], async (w) => {
    const { habit, calendar, day } = await openHabitForLogging(w, ctx, id, input.day);
    const existing = await logRowOf(w.tx, ctx, habit.id, day);
    if (!existing || existing.deletedAt !== null) throw notFound(`Log of ${day}`);
    await ownedLogs.remove(w, ctx, existing.id);
    return toHabit(habit, await loggedDays(w.tx, ctx, habit.id), calendar);
  });
}
