import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { millis } from '@/lib/server/platform/db/columns';

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
    /** Set when a backup was restored: the device's next record download must start over from 0. */
    redownloadFrom: millis('redownload_from'),
  },
  (t) => [index('devices_user_idx').on(t.userId)],
);
