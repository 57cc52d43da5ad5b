import type { BuildColumns } from 'drizzle-orm';
import {
  index,
  integer,
  sqliteTable,
  text,
  type SQLiteColumnBuilderBase,
  type SQLiteTableExtraConfigValue,
  type SQLiteTableWithColumns,
} from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch; every timestamp column uses it. */
export const millis = (name: string) => integer(name, { mode: 'number' });

/** Bookkeeping times (a key's last use, a session's or a device's last sighting) are written at most this often per row. */
export const TOUCH_EVERY_MS = 60_000;

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

type SyncedColumns = ReturnType<typeof syncedColumns>;

/**
 * A synced table (native record sync, seed 002): the shared columns, then its own; its own indexes,
 * then `<name>_user_version_idx`, which serves `/api/v1/sync/download` paging.
 */
export function syncedTable<N extends string, C extends Record<string, SQLiteColumnBuilderBase>>(
  name: N,
  columns: C,
  indexes: (t: BuildColumns<N, SyncedColumns & C, 'sqlite'>) => SQLiteTableExtraConfigValue[],
) {
  return sqliteTable(name, { ...syncedColumns(), ...columns } as SyncedColumns & C, (t) => [
    ...indexes(t),
    index(`${name}_user_version_idx`).on(t.userId, t.serverVersion),
  ]);
}

/** A synced table seen through the columns they all share (generic reads and writes: owned.ts, native sync). */
export type SyncedShape = SQLiteTableWithColumns<{
  name: string;
  schema: undefined;
  dialect: 'sqlite';
  columns: BuildColumns<string, SyncedColumns, 'sqlite'>;
}>;
