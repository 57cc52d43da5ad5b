import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { millis, syncedColumns } from '@/lib/server/platform/db/columns';

// Every table has the synced shape (native record sync, seed 002); `<table>_user_version_idx` serves
// `/api/v1/sync/download` paging.

export const habits = sqliteTable(
  'habits',
  {
    ...syncedColumns(),
    name: text('name').notNull(),
    cadence: text('cadence', { enum: ['daily', 'weekly'] }).notNull(),
    /** For weekly habits: how many days a week. */
    timesPerWeek: integer('times_per_week').notNull().default(7),
    color: text('color'),
    archivedAt: millis('archived_at'),
  },
  (t) => [index('habits_user_idx').on(t.userId), index('habits_user_version_idx').on(t.userId, t.serverVersion)],
);

export const habitLogs = sqliteTable(
  'habit_logs',
  {
    ...syncedColumns(),
    habitId: text('habit_id').notNull(),
    /** The user's local calendar day, YYYY-MM-DD (in their time zone when logged). */
    day: text('day').notNull(),
  },
  (t) => [uniqueIndex('habit_logs_user_habit_day_idx').on(t.userId, t.habitId, t.day), index('habit_logs_user_version_idx').on(t.userId, t.serverVersion)],
);
