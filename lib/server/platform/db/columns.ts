import { integer, text } from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch; every timestamp column uses it. */
export const millis = (name: string) => integer(name, { mode: 'number' });

/**
 * The shape every synced table shares (native record sync relies on it):
 * a text UUID id, the owner, timestamps, a soft-delete mark and the server version
 * at which the row last changed (a per-user increasing number, never a wall clock).
 */
export const syncedColumns = () => ({
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  createdAt: millis('created_at').notNull(),
  updatedAt: millis('updated_at').notNull(),
  deletedAt: millis('deleted_at'),
  serverVersion: integer('server_version').notNull(),
});
