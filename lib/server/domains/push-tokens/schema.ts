import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { millis } from '@/lib/server/platform/db/columns';

/** APNs device tokens (seed 000); a token belongs to whoever registered it last. */
export const deviceTokens = sqliteTable(
  'device_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    token: text('token').notNull(),
    platform: text('platform', { enum: ['ios', 'macos'] }).notNull(),
    environment: text('environment', { enum: ['dev', 'prod'] }).notNull(),
    createdAt: millis('created_at').notNull(),
    updatedAt: millis('updated_at').notNull(),
    /** Last (re-)registration: APNs' Unregistered timestamp only disables tokens registered before it. */
    registeredAt: millis('registered_at').notNull(),
    disabledAt: millis('disabled_at'),
    disabledReason: text('disabled_reason'),
    lastError: text('last_error'),
    lastPushAt: millis('last_push_at'),
    lastOutcome: text('last_outcome'),
    pushCount: integer('push_count').notNull().default(0),
  },
  (t) => [uniqueIndex('device_tokens_token_idx').on(t.token), index('device_tokens_user_idx').on(t.userId, t.platform)],
);
