import { z } from 'zod';
import type { Priority } from '../crdt/ops';
import type { DueCheckin } from '../checkins';
import { FOCUS_GOAL_MESSAGES, MAX_FOCUS_GOAL_MINUTES, MIN_FOCUS_GOAL_MINUTES } from '../focus-goal';

/** Where a plan item comes from; `custom` items are written by native clients only (for now). */
export const PLAN_ITEM_KINDS = ['task', 'habit', 'event', 'focus', 'checkin', 'custom'] as const;
export type PlanItemKind = (typeof PLAN_ITEM_KINDS)[number];

export { MAX_FOCUS_GOAL_MINUTES, MIN_FOCUS_GOAL_MINUTES };

/** The rules live in ../focus-goal, without Zod, for Today's form (decision 059). */
const focusGoalMinutes = z
  .number({ error: FOCUS_GOAL_MESSAGES.number })
  .int(FOCUS_GOAL_MESSAGES.whole)
  .min(MIN_FOCUS_GOAL_MINUTES, FOCUS_GOAL_MESSAGES.low)
  .max(MAX_FOCUS_GOAL_MINUTES, FOCUS_GOAL_MESSAGES.high);

/**
 * POST /api/plan/today/generate. `focusGoalMinutes` adds (or retitles) the focus goal item;
 * null removes an open one; left out, the plan keeps the goal it has.
 */
export const planGenerateSchema = z.strictObject({ focusGoalMinutes: focusGoalMinutes.nullable().optional() });
export type PlanGenerateInput = z.infer<typeof planGenerateSchema>;

/** When an event item happens (all-day events have no time of day); a task's due time is an instant (startsAt = endsAt). */
export interface PlanItemTime {
  startsAt: number;
  endsAt: number;
  allDay: boolean;
}

export interface PlanItem {
  id: string;
  kind: PlanItemKind;
  /** The task, habit, event or check-in schedule the item stands for; one item per source. */
  refId: string | null;
  title: string;
  position: number;
  /** When the item itself was ticked (events, the focus goal and custom items can be ticked by hand). */
  completedAt: number | null;
  /**
   * Whether the item is done, from its source: the task is completed, the habit logged today, the
   * check-in of its kind taken today, the event over, the focus goal reached; or ticked by hand.
   */
  done: boolean;
  /** The list of a task item's task (the tasks engine addresses a task by list and id). */
  listId: string | null;
  time: PlanItemTime | null;
  /** A task item's priority, from its task (1 the most urgent); null for no priority and other kinds. */
  priority: Priority | null;
  /** The focus goal item: minutes of completed focus today, out of the goal. */
  progress: { minutes: number; goal: number } | null;
}

export interface DailyPlan {
  id: string;
  /** The user's local day, YYYY-MM-DD (users.timezone). */
  day: string;
  focusGoalMinutes: number | null;
  /** In plan order: by position, with timed items (events, tasks due at a time) in the slots they hold ordered by time. */
  items: PlanItem[];
  createdAt: number;
  updatedAt: number;
}

/** GET /api/plan/today and the answer of a generate: today's plan (null until generated) and the check-ins due now. */
export interface TodayPlan {
  day: string;
  plan: DailyPlan | null;
  dueCheckins: DueCheckin[];
}
