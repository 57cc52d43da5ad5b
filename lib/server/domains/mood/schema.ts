import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { millis, syncedColumns } from '@/lib/server/platform/db/columns';

// Every table has the synced shape (native record sync, seed 002); `<table>_user_version_idx` serves
// `/api/v1/sync/download` paging.

export const activities = sqliteTable(
  'activities',
  {
    ...syncedColumns(),
    label: text('label').notNull(),
    color: text('color'),
  },
  (t) => [index('activities_user_idx').on(t.userId), index('activities_user_version_idx').on(t.userId, t.serverVersion)],
);

export const moodEntries = sqliteTable(
  'mood_entries',
  {
    ...syncedColumns(),
    score: integer('score').notNull(),
    activityIds: text('activity_ids', { mode: 'json' }).$type<string[]>().notNull(),
    notes: text('notes'),
    recordedAt: millis('recorded_at').notNull(),
  },
  (t) => [index('mood_entries_user_recorded_idx').on(t.userId, t.recordedAt), index('mood_entries_user_version_idx').on(t.userId, t.serverVersion)],
);

export const assessments = sqliteTable(
  'assessments',
  {
    ...syncedColumns(),
    kind: text('kind').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    score: integer('score').notNull(),
    takenAt: millis('taken_at').notNull(),
  },
  (t) => [index('assessments_user_taken_idx').on(t.userId, t.takenAt), index('assessments_user_version_idx').on(t.userId, t.serverVersion)],
);

export const schedules = sqliteTable(
  'schedules',
  {
    ...syncedColumns(),
    assessmentKind: text('assessment_kind').notNull(),
    cadence: text('cadence', { enum: ['daily', 'weekly', 'monthly'] }).notNull(),
    nextDueAt: millis('next_due_at').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('schedules_user_due_idx').on(t.userId, t.nextDueAt), index('schedules_user_version_idx').on(t.userId, t.serverVersion)],
);
