import { index, integer, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { millis, syncedTable } from '@/lib/server/platform/db/columns';

export const habits = syncedTable(
  'habits',
  {
    name: text('name').notNull(),
    cadence: text('cadence', { enum: ['daily', 'weekly'] }).notNull(),
    /** For weekly habits: how many days a week. */
    timesPerWeek: integer('times_per_week').notNull().default(7),
    color: text('color'),
    archivedAt: millis('archived_at'),
  },
  (t) => [index('habits_user_idx').on(t.userId)],
);

export const habitLogs = syncedTable(
  'habit_logs',
  {
    habitId: text('habit_id').notNull(),
    /** The user's local calendar day, YYYY-MM-DD (in their time zone when logged). */
    day: text('day').notNull(),
  },
  (t) => [uniqueIndex('habit_logs_user_habit_day_idx').on(t.userId, t.habitId, t.day)],
);
