import type { BuildColumns } from 'drizzle-orm';
import { integer, text, type SQLiteTableWithColumns } from 'drizzle-orm/sqlite-core';

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

/** A synced table seen through the columns they all share (generic reads and writes: owned.ts, native sync). */
export type SyncedShape = SQLiteTableWithColumns<{
  name: string;
  schema: undefined;
  dialect: 'sqlite';
  columns: BuildColumns<string, ReturnType<typeof syncedColumns>, 'sqlite'>;
}>;
