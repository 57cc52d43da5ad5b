import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { millis, syncedColumns } from './columns';

// The record domains of the pages (issue 6) and native record sync (seed 002). Every table has
// the synced shape; `<table>_user_version_idx` serves `/api/v1/sync/download` paging.

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

export const quests = sqliteTable(
  'quests',
  {
    ...syncedColumns(),
    title: text('title').notNull(),
    description: text('description'),
    target: integer('target').notNull(),
    progress: integer('progress').notNull().default(0),
    xpReward: integer('xp_reward').notNull(),
    deadline: millis('deadline'),
    completedAt: millis('completed_at'),
  },
  (t) => [index('quests_user_idx').on(t.userId, t.completedAt), index('quests_user_version_idx').on(t.userId, t.serverVersion)],
);

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

export const books = sqliteTable(
  'books',
  {
    ...syncedColumns(),
    title: text('title').notNull(),
    author: text('author'),
    totalPages: integer('total_pages').notNull(),
    completedAt: millis('completed_at'),
  },
  (t) => [index('books_user_idx').on(t.userId), index('books_user_version_idx').on(t.userId, t.serverVersion)],
);

export const readingSessions = sqliteTable(
  'reading_sessions',
  {
    ...syncedColumns(),
    bookId: text('book_id').notNull(),
    pages: integer('pages').notNull(),
    minutes: integer('minutes').notNull(),
    readAt: millis('read_at').notNull(),
  },
  (t) => [index('reading_sessions_user_book_idx').on(t.userId, t.bookId), index('reading_sessions_user_version_idx').on(t.userId, t.serverVersion)],
);

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

/** Published terms versions; the newest is current and every user must accept it (admin publishes). */
export const termsVersions = sqliteTable('terms_versions', {
  version: integer('version').primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  publishedAt: millis('published_at').notNull(),
  publishedBy: text('published_by'),
});
