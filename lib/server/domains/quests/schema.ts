import { index, integer, text } from 'drizzle-orm/sqlite-core';
import { millis, syncedTable } from '@/lib/server/platform/db/columns';

export const quests = syncedTable(
  'quests',
  {
    title: text('title').notNull(),
    description: text('description'),
    target: integer('target').notNull(),
    progress: integer('progress').notNull().default(0),
    xpReward: integer('xp_reward').notNull(),
    deadline: millis('deadline'),
    completedAt: millis('completed_at'),
  },
  (t) => [index('quests_user_idx').on(t.userId, t.completedAt)],
);
