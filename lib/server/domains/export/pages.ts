import 'server-only';
import { and, asc, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getDb } from '@/lib/server/platform/db/client';

type Row<T extends SQLiteTable> = T['$inferSelect'];

/**
 * The user's rows of one table, a page at a time, in the order of `keys` (unique together): each
 * page starts after the last row of the one before (keyset pagination), so a page costs the same
 * however deep into the table it is, and only one page is held at a time.
 */
export async function* keysetPages<T extends SQLiteTable>(
  table: T,
  userId: string,
  keys: readonly (keyof Row<T> & string)[],
  pageSize: number,
  filter?: SQL,
): AsyncGenerator<Row<T>[]> {
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const keyColumns = keys.map((k) => columns[k]);
  let after: unknown[] | null = null;
  for (;;) {
    // A row value comparison: SQLite walks the index on (user_id, first key) from that point.
    const past = after
      ? sql`(${sql.join(keyColumns, sql`, `)}) > (${sql.join(
          after.map((v) => sql`${v}`),
          sql`, `,
        )})`
      : undefined;
    const rows = (await getDb()
      .select()
      .from(table as SQLiteTable)
      .where(and(eq(columns.userId, userId), filter, past))
      .orderBy(...keyColumns.map((c) => asc(c)))
      .limit(pageSize)) as Row<T>[];
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1] as Record<string, unknown>;
    after = keys.map((k) => last[k]);
  }
}

/**
 * The user's live records of a synced table, in the order of their last change: every synced
 * table has an index on (user_id, server_version) for native sync, and the id breaks ties.
 */
export function syncedPages<T extends SQLiteTable & { deletedAt: SQLiteColumn }>(table: T, userId: string, pageSize: number): AsyncGenerator<Row<T>[]> {
  return keysetPages(table, userId, ['serverVersion', 'id'] as (keyof Row<T> & string)[], pageSize, isNull(table.deletedAt));
}
