import 'server-only';
import { MINUTE_MS, read } from '@/lib/server/platform/http/read';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { addDays, localDay, startOfDay } from '@/lib/shared/days';
import type { DailyPlan, PlanGenerateInput, PlanItem, PlanItemKind, TodayPlan } from '@/lib/shared/schemas/plan';
import { writeChange, type ServiceContext, type WriteScope } from '@/lib/server/platform/changes';
import { getDb, type Db, type Tx } from '@/lib/server/platform/db/client';
import { dailyPlans, planItems } from './schema';
import { AppError, conflict, notFound } from '@/lib/server/platform/errors';
import { listHabits, logHabit, undoHabitLog } from '@/lib/server/domains/habits/service';
import { settlingFocus } from '@/lib/server/domains/focus/today';
import { listDueCheckins } from '@/lib/server/domains/mood';
import { listEvents } from '@/lib/server/domains/planner/service';
import { withSources } from './sources';
import { byCodeUnits } from '@/lib/shared/crdt/canonical';
import { tasksDueToday, type DueTask } from '@/lib/server/domains/tasks/service';
import { timeZoneOf } from '@/lib/server/platform/auth/time-zone';

type PlanRow = typeof dailyPlans.$inferSelect;
type ItemRow = typeof planItems.$inferSelect;

/** What a generated item stands for; `refId` keeps regenerating at one item per source. */
interface Source {
  kind: PlanItemKind;
  refId: string;
  title: string;
}

/** The focus goal is one per plan, so its source id is a constant. */
export const FOCUS_GOAL_REF = 'focus-goal';

const isRecordId = (id: string) => z.guid().safeParse(id).success;
const sourceKey = (s: { kind: string; refId: string | null; id?: string }) => `${s.kind}:${s.refId ?? s.id}`;

async function toPlan(ctx: ServiceContext, row: PlanRow, items: ItemRow[], timeZone: string): Promise<DailyPlan> {
  const frame = { day: row.day, timeZone, focusGoalMinutes: row.focusGoalMinutes, now: Date.now() };
  return {
    id: row.id,
    day: row.day,
    focusGoalMinutes: row.focusGoalMinutes,
    items: await withSources(ctx, items, frame),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function liveItems(db: Db | Tx, ctx: ServiceContext, planId: string): Promise<ItemRow[]> {
  return db
    .select()
    .from(planItems)
    .where(and(eq(planItems.userId, ctx.userId), eq(planItems.planId, planId), isNull(planItems.deletedAt)))
    .orderBy(asc(planItems.position), asc(planItems.id));
}

/** The plan row of a day, deleted or not (the (user, day) pair is unique). */
async function planRowOf(db: Db | Tx, ctx: ServiceContext, day: string): Promise<PlanRow | undefined> {
  return db
    .select()
    .from(dailyPlans)
    .where(and(eq(dailyPlans.userId, ctx.userId), eq(dailyPlans.day, day)))
    .get();
}

async function loadPlan(ctx: ServiceContext, day: string, timeZone: string): Promise<DailyPlan | null> {
  const db = getDb();
  const row = await planRowOf(db, ctx, day);
  if (!row || row.deletedAt !== null) return null;
  return toPlan(ctx, row, await liveItems(db, ctx, row.id), timeZone);
}

/**
 * Today's plan of the user (their own calendar day) and the check-ins due now. Its items read their
 * state from their sources, so a change to any of them is a change to the plan; and time alone ends
 * events, brings check-ins due and turns the day.
 */
export const getTodayPlan = read<TodayPlan>(
  settlingFocus({ scopes: ['plan', 'mood', 'profile', 'tasks', 'habits', 'planner', 'focus'], everyMs: MINUTE_MS }),
  async (ctx) => {
    const now = Date.now();
    const timeZone = await timeZoneOf(getDb(), ctx.userId);
    const day = localDay(now, timeZone);
    const [plan, dueCheckins] = await Promise.all([loadPlan(ctx, day, timeZone), listDueCheckins(ctx, now)]);
    return { day, plan, dueCheckins };
  },
);

/** Everything today asks for, in plan order: due check-ins, today's events, due and overdue tasks, habits to log. */
async function sourcesOf(ctx: ServiceContext, now: number, day: string, timeZone: string) {
  const [dueCheckins, events, tasks, habits] = await Promise.all([
    listDueCheckins(ctx, now),
    listEvents(ctx, { from: startOfDay(day, timeZone), to: startOfDay(addDays(day, 1), timeZone) }),
    tasksDueToday(ctx),
    listHabits(ctx),
  ]);
  const sources: Source[] = [
    ...dueCheckins.map((c) => ({ kind: 'checkin' as const, refId: c.scheduleId, title: c.title })),
    ...events.body.map((e) => ({ kind: 'event' as const, refId: e.id, title: e.title })),
    ...tasks.sort(byUrgency).map((t) => ({ kind: 'task' as const, refId: t.id, title: t.title })),
    ...habits.habits
      // A weekly habit whose goal for this week is met asks nothing more of today.
      .filter((h) => h.archivedAt === null && !h.loggedToday && (h.cadence === 'daily' || h.thisWeekCount < h.timesPerWeek))
      .map((h) => ({ kind: 'habit' as const, refId: h.id, title: h.name })),
  ];
  return { sources, dueCheckins };
}

const NO_PRIORITY = 5;
/** Sorts after every HH:MM by code units. */
const NO_TIME = '~';

/** Overdue first (oldest first), then what is due at a time (earliest first), then by priority (p1 first), then title. */
function byUrgency(a: DueTask, b: DueTask): number {
  return (
    a.dueDay.localeCompare(b.dueDay) ||
    byCodeUnits(a.dueTime ?? NO_TIME, b.dueTime ?? NO_TIME) ||
    (a.priority ?? NO_PRIORITY) - (b.priority ?? NO_PRIORITY) ||
    a.title.localeCompare(b.title)
  );
}

const focusGoalTitle = (minutes: number) => `Focus for ${minutes} minutes`;

async function savePlanRow(w: WriteScope, ctx: ServiceContext, day: string, existing: PlanRow | undefined, focusGoalMinutes: number | null): Promise<PlanRow> {
  if (!existing) {
    const [row] = await w.tx
      .insert(dailyPlans)
      .values({ id: randomUUID(), userId: ctx.userId, day, focusGoalMinutes, createdAt: w.now, updatedAt: w.now, serverVersion: w.serverVersion })
      .returning();
    return row;
  }
  const [row] = await w.tx
    .update(dailyPlans)
    .set({ focusGoalMinutes, deletedAt: null, serverVersion: w.serverVersion, updatedAt: w.now })
    .where(and(eq(dailyPlans.id, existing.id), eq(dailyPlans.userId, ctx.userId)))
    .returning();
  return row;
}

async function saveItem(
  w: WriteScope,
  ctx: ServiceContext,
  id: string,
  change: Partial<Pick<ItemRow, 'title' | 'completedAt' | 'deletedAt'>>,
): Promise<ItemRow> {
  const [row] = await w.tx
    .update(planItems)
    .set({ ...change, serverVersion: w.serverVersion, updatedAt: w.now })
    .where(and(eq(planItems.id, id), eq(planItems.userId, ctx.userId)))
    .returning();
  if (!row) throw notFound('Plan item');
  return row;
}

/** The items of today's plan that are done, by their sources or by hand: a rebuild keeps them. */
async function doneItemIds(ctx: ServiceContext, day: string, timeZone: string): Promise<Set<string>> {
  const plan = await loadPlan(ctx, day, timeZone);
  return new Set(plan?.items.filter((i) => i.done).map((i) => i.id));
}

/**
 * Builds today's plan, or rebuilds it: done items stay where they are; open items follow their
 * source (retitled, or removed once it no longer asks for today); new sources are appended in plan
 * order, one item each, so the user's order holds and no source is listed twice.
 */
export async function generateTodayPlan(ctx: ServiceContext, input: PlanGenerateInput): Promise<TodayPlan> {
  const now = Date.now();
  const timeZone = await timeZoneOf(getDb(), ctx.userId);
  const day = localDay(now, timeZone);
  const [{ sources, dueCheckins }, done] = await Promise.all([sourcesOf(ctx, now, day, timeZone), doneItemIds(ctx, day, timeZone)]);
  const written = await writeChange(ctx, ['plan'], async (w) => {
    const existing = await planRowOf(w.tx, ctx, day);
    const focusGoalMinutes = input.focusGoalMinutes !== undefined ? input.focusGoalMinutes : (existing?.focusGoalMinutes ?? null);
    const planRow = await savePlanRow(w, ctx, day, existing, focusGoalMinutes);
    const wanted = new Map<string, Source>();
    for (const s of sources) if (!wanted.has(sourceKey(s))) wanted.set(sourceKey(s), s);
    if (focusGoalMinutes !== null)
      wanted.set(sourceKey({ kind: 'focus', refId: FOCUS_GOAL_REF }), { kind: 'focus', refId: FOCUS_GOAL_REF, title: focusGoalTitle(focusGoalMinutes) });

    const items = await liveItems(w.tx, ctx, planRow.id);
    let position = 0;
    for (const item of items) {
      position = Math.max(position, item.position + 1);
      if (item.completedAt !== null || done.has(item.id) || item.kind === 'custom') continue;
      const source = wanted.get(sourceKey(item));
      if (!source) await saveItem(w, ctx, item.id, { deletedAt: w.now });
      else if (source.title !== item.title) await saveItem(w, ctx, item.id, { title: source.title });
    }
    const present = new Set(items.map(sourceKey));
    const added = [...wanted.values()].filter((s) => !present.has(sourceKey(s)));
    if (added.length > 0) {
      await w.tx.insert(planItems).values(
        added.map((s) => ({
          id: randomUUID(),
          userId: ctx.userId,
          planId: planRow.id,
          kind: s.kind,
          refId: s.refId,
          title: s.title,
          position: position++,
          createdAt: w.now,
          updatedAt: w.now,
          serverVersion: w.serverVersion,
        })),
      );
    }
    return { planRow, items: await liveItems(w.tx, ctx, planRow.id) };
  });
  return { day, plan: await toPlan(ctx, written.planRow, written.items, timeZone), dueCheckins };
}

/** The caller's live item with its plan; a malformed, unknown, deleted or foreign id is a 404 alike. */
async function getItemOrThrow(db: Db | Tx, ctx: ServiceContext, id: string): Promise<ItemRow & { plan: PlanRow }> {
  const found = isRecordId(id)
    ? await db
        .select({ item: planItems, plan: dailyPlans })
        .from(planItems)
        .innerJoin(dailyPlans, and(eq(dailyPlans.id, planItems.planId), eq(dailyPlans.userId, ctx.userId), isNull(dailyPlans.deletedAt)))
        .where(and(eq(planItems.id, id), eq(planItems.userId, ctx.userId), isNull(planItems.deletedAt)))
        .get()
    : undefined;
  if (!found) throw notFound('Plan item');
  return { ...found.item, plan: found.plan };
}

/**
 * A habit item of today's plan mirrors the habit's log of today: checking it logs the habit,
 * unchecking undoes the log. Already logged, archived or gone habits leave the item to itself.
 */
async function mirrorHabitLog(ctx: ServiceContext, item: ItemRow & { plan: PlanRow }, logged: boolean): Promise<void> {
  if (item.kind !== 'habit' || !item.refId || item.plan.day !== localDay(Date.now(), await timeZoneOf(getDb(), ctx.userId))) return;
  try {
    if (logged) await logHabit(ctx, item.refId, {});
    else await undoHabitLog(ctx, item.refId, {});
  } catch (err) {
    if (!(err instanceof AppError) || (err.code !== 'conflict' && err.code !== 'not_found')) throw err;
  }
}

/** Task and check-in items are done by their sources alone; ticking them here would say what is not so. */
const TICKED_AT_SOURCE: Partial<Record<PlanItemKind, string>> = {
  task: 'A task item follows its task: complete the task itself (the tasks sync)',
  checkin: 'A check-in item follows its check-in: take the check-in on the Mood page',
};

async function setCompleted(ctx: ServiceContext, id: string, completed: boolean): Promise<PlanItem> {
  const item = await getItemOrThrow(getDb(), ctx, id);
  const atSource = TICKED_AT_SOURCE[item.kind];
  if (atSource && item.refId !== null) throw conflict(atSource);
  const already = completed ? 'This item is already completed' : 'This item is not completed';
  if ((item.completedAt !== null) === completed) throw conflict(already);
  await mirrorHabitLog(ctx, item, completed);
  const row = await writeChange(ctx, ['plan'], async (w) => {
    const current = await getItemOrThrow(w.tx, ctx, id);
    if ((current.completedAt !== null) === completed) throw conflict(already);
    return saveItem(w, ctx, current.id, { completedAt: completed ? w.now : null });
  });
  const frame = { day: item.plan.day, timeZone: await timeZoneOf(getDb(), ctx.userId), focusGoalMinutes: item.plan.focusGoalMinutes, now: Date.now() };
  const [shown] = await withSources(ctx, [row], frame);
  return shown;
}

export async function completePlanItem(ctx: ServiceContext, id: string): Promise<PlanItem> {
  return setCompleted(ctx, id, true);
}

export async function reopenPlanItem(ctx: ServiceContext, id: string): Promise<PlanItem> {
  return setCompleted(ctx, id, false);
}
