import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { millis } from './columns';

/** API keys for native clients: `pos_<id>_<secret>`; only a hash of the secret is stored. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    label: text('label').notNull(),
    /** What the user sees to recognise the key, e.g. `pos_3f9a…`. */
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    createdAt: millis('created_at').notNull(),
    lastUsedAt: millis('last_used_at'),
    revokedAt: millis('revoked_at'),
  },
  (t) => [index('api_keys_user_idx').on(t.userId)],
);

/** A user's registered native or web devices; a device id travels with every sync request. */
export const devices = sqliteTable(
  'devices',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    label: text('label').notNull(),
    platform: text('platform').notNull(),
    createdAt: millis('created_at').notNull(),
    updatedAt: millis('updated_at').notNull(),
    lastSeenAt: millis('last_seen_at'),
    deletedAt: millis('deleted_at'),
  },
  (t) => [index('devices_user_idx').on(t.userId)],
);

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
