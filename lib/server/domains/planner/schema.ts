import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { millis, syncedColumns } from '@/lib/server/platform/db/columns';

// Every table has the synced shape (native record sync, seed 002); `<table>_user_version_idx` serves
// `/api/v1/sync/download` paging.

export const plannerEvents = sqliteTable(
  'planner_events',
  {
    ...syncedColumns(),
    title: text('title').notNull(),
    startsAt: millis('starts_at').notNull(),
    endsAt: millis('ends_at').notNull(),
    allDay: integer('all_day', { mode: 'boolean' }).notNull().default(false),
    notes: text('notes'),
    color: text('color'),
  },
  (t) => [index('planner_events_user_starts_idx').on(t.userId, t.startsAt), index('planner_events_user_version_idx').on(t.userId, t.serverVersion)],
);
