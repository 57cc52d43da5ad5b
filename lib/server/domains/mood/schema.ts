import { index, integer, text } from 'drizzle-orm/sqlite-core';
import { millis, syncedTable } from '@/lib/server/platform/db/columns';

export const activities = syncedTable(
  'activities',
  {
    label: text('label').notNull(),
    color: text('color'),
  },
  (t) => [index('activities_user_idx').on(t.userId)],
);

export const moodEntries = syncedTable(
  'mood_entries',
  {
    score: integer('score').notNull(),
    activityIds: text('activity_ids', { mode: 'json' }).$type<string[]>().notNull(),
    notes: text('notes'),
    recordedAt: millis('recorded_at').notNull(),
  },
  (t) => [index('mood_entries_user_recorded_idx').on(t.userId, t.recordedAt)],
);

export const assessments = syncedTable(
  'assessments',
  {
    kind: text('kind').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    score: integer('score').notNull(),
    takenAt: millis('taken_at').notNull(),
  },
  (t) => [index('assessments_user_taken_idx').on(t.userId, t.takenAt)],
);

export const schedules = syncedTable(
  'schedules',
  {
    assessmentKind: text('assessment_kind').notNull(),
    cadence: text('cadence', { enum: ['daily', 'weekly', 'monthly'] }).notNull(),
    nextDueAt: millis('next_due_at').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('schedules_user_due_idx').on(t.userId, t.nextDueAt)],
);
