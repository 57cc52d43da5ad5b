import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { millis } from '@/lib/server/platform/db/columns';

/**
 * The first answer to each `Idempotency-Key` a user sent with a write (idempotency.ts), kept for
 * 24 hours: a repeat gets it back instead of a second write. `status` is null while the first
 * request is still running.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    userId: text('user_id').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: integer('status'),
    contentType: text('content_type'),
    body: text('body'),
    createdAt: millis('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_user_created_idx').on(t.userId, t.createdAt)],
);
