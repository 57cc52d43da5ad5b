import 'server-only';
import { addDays, instantAt, startOfDay } from '@/lib/shared/days';
import type { PlanItem, PlanItemTime } from '@/lib/shared/schemas/plan';
import type { ServiceContext } from '@/lib/server/platform/changes';
import { completedFocusMs } from '@/lib/server/domains/focus/today';
import { listHabits } from '@/lib/server/domains/habits/service';
import { checkinsTakenBetween } from '@/lib/server/domains/mood';
import { eventsByIds } from '@/lib/server/domains/planner/service';
import { taskStates } from '@/lib/server/domains/tasks/service';
import type { planItems } from './schema';

type ItemRow = typeof planItems.$inferSelect;

/** What the plan knows of itself when its items are read. */
export interface PlanFrame {
  day: string;
  timeZone: string;
  focusGoalMinutes: number | null;
  now: number;
}

const MINUTE_MS = 60_000;
const NONE = Promise.resolve(undefined);

/** The ids of the sources of one kind among the items, or none (so no lookup runs for it). */
const refsOf = (rows: readonly ItemRow[], kind: ItemRow['kind']) => rows.filter((r) => r.kind === kind && r.refId !== null).map((r) => r.refId as string);

/**
 * Today's plan is a view of its sources: each item reads its done state (and an event its time,
 * the focus goal its progress) from the source it stands for, looked up here in one pass per kind.
 * An item whose source is gone keeps what it last said of itself (its own tick).
 */
export async function withSources(ctx: ServiceContext, rows: readonly ItemRow[], frame: PlanFrame): Promise<PlanItem[]> {
  const from = startOfDay(frame.day, frame.timeZone);
  const to = startOfDay(addDays(frame.day, 1), frame.timeZone);
  const [taskIds, habitIds, eventIds, checkinIds] = (['task', 'habit', 'event', 'checkin'] as const).map((k) => refsOf(rows, k));
  const [tasks, habits, events, taken, focusMs] = await Promise.all([
    taskStates(ctx, taskIds),
    habitIds.length > 0 ? listHabits(ctx) : NONE,
    eventsByIds(ctx, eventIds),
    checkinsTakenBetween(ctx, checkinIds, from, to),
    rows.some((r) => r.kind === 'focus') && frame.focusGoalMinutes !== null ? completedFocusMs(ctx, from, to) : NONE,
  ]);
  const loggedToday = new Map(habits?.habits.map((h) => [h.id, h.loggedToday]));
  const eventsById = new Map(events.map((e) => [e.id, e]));

  const items = rows.map((row): PlanItem => {
    const ticked = row.completedAt !== null;
    const item: PlanItem = { ...toOwnItem(row), done: ticked, listId: null, time: null, priority: null, progress: null };
    const ref = row.refId ?? '';
    switch (row.kind) {
      case 'task': {
        const task = tasks.get(ref);
        if (!task) break;
        Object.assign(item, { done: task.completed, listId: task.listId, priority: task.priority });
        // Due at a time today: the item takes its slot among the timed items.
        if (task.dueDay === frame.day && task.dueTime) {
          const at = instantAt(task.dueDay, task.dueTime, frame.timeZone);
          item.time = { startsAt: at, endsAt: at, allDay: false };
        }
        break;
      }
      case 'habit':
        if (loggedToday.has(ref)) item.done = loggedToday.get(ref) === true;
        break;
      case 'checkin':
        item.done = ticked || taken.has(ref);
        break;
      case 'event': {
        const event = eventsById.get(ref);
        if (event) {
          item.time = { startsAt: event.startsAt, endsAt: event.endsAt, allDay: event.allDay };
          item.done = ticked || event.endsAt <= frame.now;
        }
        break;
      }
      case 'focus':
        if (frame.focusGoalMinutes !== null && focusMs !== undefined) {
          const minutes = Math.floor(focusMs / MINUTE_MS);
          item.progress = { minutes, goal: frame.focusGoalMinutes };
          item.done = ticked || minutes >= frame.focusGoalMinutes;
        }
        break;
      case 'custom':
        break;
    }
    return item;
  });
  return inPlanOrder(items);
}

export function toOwnItem(row: ItemRow): Pick<PlanItem, 'id' | 'kind' | 'refId' | 'title' | 'position' | 'completedAt'> {
  return { id: row.id, kind: row.kind, refId: row.refId, title: row.title, position: row.position, completedAt: row.completedAt };
}

const timeOf = (t: PlanItemTime | null) => (t && !t.allDay ? t.startsAt : null);

/**
 * The user's order (position), except that items with a time of day take the slots the timed
 * items hold in time order: an event moved earlier rises among the events, the rest stay put.
 */
export function inPlanOrder(items: PlanItem[]): PlanItem[] {
  const byPosition = [...items].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  const timed = byPosition.filter((i) => timeOf(i.time) !== null).sort((a, b) => (timeOf(a.time) as number) - (timeOf(b.time) as number));
  let next = 0;
  return byPosition.map((i) => (timeOf(i.time) !== null ? timed[next++] : i));
}
