import { index, integer, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { millis, syncedTable } from '@/lib/server/platform/db/columns';

export const dailyPlans = syncedTable(
  'daily_plans',
  {
    /** The user's local day, YYYY-MM-DD. */
    day: text('day').notNull(),
    focusGoalMinutes: integer('focus_goal_minutes'),
  },
  (t) => [uniqueIndex('daily_plans_user_day_idx').on(t.userId, t.day)],
);

export const planItems = syncedTable(
  'plan_items',
  {
    planId: text('plan_id').notNull(),
    kind: text('kind', { enum: ['task', 'habit', 'event', 'focus', 'checkin', 'custom'] }).notNull(),
    /** The task/habit/event/schedule the item came from, so regenerating keeps one item per source. */
    refId: text('ref_id'),
    title: text('title').notNull(),
    position: integer('position').notNull(),
    completedAt: millis('completed_at'),
  },
  (t) => [index('plan_items_user_plan_idx').on(t.userId, t.planId)],
);
