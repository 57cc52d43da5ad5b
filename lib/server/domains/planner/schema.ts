import { index, integer, text } from 'drizzle-orm/sqlite-core';
import { millis, syncedTable } from '@/lib/server/platform/db/columns';

export const plannerEvents = syncedTable(
  'planner_events',
  {
    title: text('title').notNull(),
    startsAt: millis('starts_at').notNull(),
    endsAt: millis('ends_at').notNull(),
    allDay: integer('all_day', { mode: 'boolean' }).notNull().default(false),
    notes: text('notes'),
    color: text('color'),
  },
  (t) => [index('planner_events_user_starts_idx').on(t.userId, t.startsAt)],
);
