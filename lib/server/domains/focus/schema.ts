import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { PomodoroSettings } from '@/lib/shared/focus';
import { millis, syncedColumns } from '@/lib/server/platform/db/columns';

/** One row per focus session; a user has at most one `running` or `paused` row (enforced by lib/server/focus.ts). */
export const focusSessions = sqliteTable(
  'focus_sessions',
  {
    ...syncedColumns(),
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
  (t) => [
    index('focus_sessions_user_status_idx').on(t.userId, t.status),
    index('focus_sessions_user_started_idx').on(t.userId, t.startedAt),
    index('focus_sessions_user_version_idx').on(t.userId, t.serverVersion),
  ],
);

export type FocusSessionRow = typeof focusSessions.$inferSelect;
