import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { millis, syncedColumns } from '@/lib/server/platform/db/columns';

export const dailyPlans = sqliteTable(
  'daily_plans',
  {
    ...syncedColumns(),
    /** The user's local day, YYYY-MM-DD. */
    day: text('day').notNull(),
    focusGoalMinutes: integer('focus_goal_minutes'),
  },
  (t) => [uniqueIndex('daily_plans_user_day_idx').on(t.userId, t.day), index('daily_plans_user_version_idx').on(t.userId, t.serverVersion)],
);

export const planItems = sqliteTable(
  'plan_items',
  {
    ...syncedColumns(),
    planId: text('plan_id').notNull(),
    kind: text('kind', { enum: ['task', 'habit', 'event', 'focus', 'checkin', 'custom'] }).notNull(),
    /** The task/habit/event/schedule the item came from, so regenerating keeps one item per source. */
    refId: text('ref_id'),
    title: text('title').notNull(),
    position: integer('position').notNull(),
    completedAt: millis('completed_at'),
  },
  (t) => [index('plan_items_user_plan_idx').on(t.userId, t.planId), index('plan_items_user_version_idx').on(t.userId, t.serverVersion)],
);
