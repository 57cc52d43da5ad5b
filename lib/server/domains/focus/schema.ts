import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { DEFAULT_GRACE_MINUTES, type PomodoroSettings } from '@/lib/shared/focus';
import { millis, syncedTable } from '@/lib/server/platform/db/columns';

/** One row per focus session; a user has at most one `running` or `paused` row (enforced by service.ts). */
export const focusSessions = syncedTable(
  'focus_sessions',
  {
    taskTitle: text('task_title'),
    mode: text('mode', { enum: ['focus', 'pomodoro'] }).notNull(),
    plannedMinutes: integer('planned_minutes').notNull(),
    pomodoro: text('pomodoro', { mode: 'json' }).$type<PomodoroSettings>(),
    status: text('status', { enum: ['running', 'paused', 'completed', 'abandoned'] }).notNull(),
    startedAt: millis('started_at').notNull(),
    pausedAt: millis('paused_at'),
    pausedTotalMs: integer('paused_total_ms').notNull().default(0),
    endedAt: millis('ended_at'),
    focusMs: integer('focus_ms'),
    deviceId: text('device_id'),
  },
  (t) => [index('focus_sessions_user_status_idx').on(t.userId, t.status), index('focus_sessions_user_started_idx').on(t.userId, t.startedAt)],
);

export type FocusSessionRow = typeof focusSessions.$inferSelect;

/**
 * What the live timer keeps beside a session, out of the synced record (native clients upload ended
 * sessions only, decision 008): its grace, the break time skipped, and whether it completed itself
 * (decision 030). A session without a row has the defaults.
 */
export const focusSessionTiming = sqliteTable(
  'focus_session_timing',
  {
    sessionId: text('session_id').primaryKey(),
    userId: text('user_id').notNull(),
    graceMinutes: integer('grace_minutes').notNull().default(DEFAULT_GRACE_MINUTES),
    skippedBreakMs: integer('skipped_break_ms').notNull().default(0),
    completedItself: integer('completed_itself', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('focus_session_timing_user_idx').on(t.userId)],
);

export type FocusSessionTimingRow = typeof focusSessionTiming.$inferSelect;
