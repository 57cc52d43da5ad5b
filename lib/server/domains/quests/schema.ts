import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { millis, syncedColumns } from '@/lib/server/platform/db/columns';

// Every table has the synced shape (native record sync, seed 002); `<table>_user_version_idx` serves
// `/api/v1/sync/download` paging.

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
