import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { MAX_PAGE, type PageQuery } from '@/lib/shared/schemas/fields';
import type { ServiceContext, WriteScope } from '@/lib/server/platform/changes';
import { notFound } from '@/lib/server/platform/errors';
import { after, orderOf, pageOf, pageSize, type KeyOrder } from '@/lib/server/platform/http/paging';
import type { Db, Tx } from './client';
import type { SyncedShape } from './columns';

type Meta = 'id' | 'userId' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'serverVersion';

const isRecordId = (id: string) => z.guid().safeParse(id).success;

/** The order of a list by a row's fields, each ascending or descending, the last one unique (the id). */
export type FieldOrder<F extends string = string> = readonly (readonly [F, 'asc' | 'desc'])[];

/** Newest first by `field`, the id breaking ties. */
export const newestFirst = <F extends string>(field: F) =>
  [
    [field, 'desc'],
    ['id', 'desc'],
  ] as const;

/** How a page of a list is read: its order (newest first by default), further conditions, its default size. */
export interface PageOptions<F extends string> {
  order?: FieldOrder<F>;
  where?: (SQL | undefined)[];
  byDefault?: number;
}

/**
 * The caller's records of one synced table. Every read and write here is scoped by the owner, so a
 * forgotten `where userId` cannot happen (STYLE.md §1), and every write is stamped with its write's
 * server version and time, which native sync and the ETags rely on.
 */
export function ownedRecords<T extends SQLiteTable & { $inferSelect: { id: string; userId: string } }>(
  table: T,
  what: string,
  {
    shown = () => true,
    cascade,
  }: {
    /** Rows the domain does not show (a check-in kind this server does not define) are not found either. */
    shown?: (row: T['$inferSelect']) => boolean;
    /** What goes with a removed record (a book's reading sessions), in the same write. */
    cascade?: (w: WriteScope, ctx: ServiceContext, id: string, at: number) => Promise<unknown>;
  } = {},
) {
  type Row = T['$inferSelect'];
  type Fields = Omit<T['$inferInsert'], Meta>;
  type Change = Partial<Omit<Row, Meta>> & { deletedAt?: number | null };
  const t = table as unknown as SyncedShape;

  /** The caller's live rows, with any further conditions. */
  const live = (ctx: ServiceContext, ...more: (SQL | undefined)[]) => and(eq(t.userId, ctx.userId), isNull(t.deletedAt), ...more);

  /** Changes one of the caller's records (live or not); a change to the values it already holds writes nothing. */
  async function save(w: WriteScope, ctx: ServiceContext, id: string, change: Change): Promise<Row> {
    const current = await w.tx
      .select()
      .from(t)
      .where(and(eq(t.id, id), eq(t.userId, ctx.userId)))
      .get();
    if (!current) throw notFound(what);
    if (!changes(current as Record<string, unknown>, change)) return current as Row;
    const [row] = await w.tx
      .update(t)
      .set({ ...change, serverVersion: w.serverVersion, updatedAt: w.now } as never)
      .where(and(eq(t.id, id), eq(t.userId, ctx.userId)))
      .returning();
    if (!row) throw notFound(what);
    return row as Row;
  }

  /** The caller's live record; a malformed, unknown, deleted or foreign id is a 404 alike. */
  async function getOrThrow(db: Db | Tx, ctx: ServiceContext, id: string): Promise<Row> {
    const row = isRecordId(id)
      ? await db
          .select()
          .from(t)
          .where(live(ctx, eq(t.id, id)))
          .get()
      : undefined;
    if (!row || !shown(row as Row)) throw notFound(what);
    return row as Row;
  }

  return {
    live,
    save,
    getOrThrow,

    /** One page of the caller's live records (with any further conditions) after the query's cursor. */
    async page(
      db: Db | Tx,
      ctx: ServiceContext,
      query: PageQuery,
      options: PageOptions<keyof Row & string> = {},
    ): Promise<{ rows: Row[]; next: string | null }> {
      const { order = newestFirst('createdAt'), where = [], byDefault = MAX_PAGE } = options;
      const columns = getTableColumns(table);
      const keys: KeyOrder = order.map(([field, dir]) => [columns[field], dir] as const);
      const read = await db
        .select()
        .from(t)
        .where(live(ctx, ...where, after(keys, query.cursor)))
        .orderBy(...orderOf(keys))
        .limit(pageSize(query, byDefault));
      return pageOf(read as Row[], query, (row) => order.map(([field]) => row[field] as string | number), byDefault);
    },

    /** A new record of the caller's: id, owner, times and version filled in. */
    async insert(w: WriteScope, ctx: ServiceContext, fields: Fields): Promise<Row> {
      const meta = { id: randomUUID(), userId: ctx.userId, createdAt: w.now, updatedAt: w.now, serverVersion: w.serverVersion };
      const [row] = await w.tx
        .insert(t)
        .values({ ...fields, ...meta } as never)
        .returning();
      return row as Row;
    },

    /**
     * Soft-deletes one of the caller's live records (a 404 as getOrThrow's otherwise) and what goes
     * with it: native clients download the tombstones. Returns the record as it was.
     */
    async remove(w: WriteScope, ctx: ServiceContext, id: string): Promise<Row> {
      const row = await getOrThrow(w.tx, ctx, id);
      await save(w, ctx, row.id, { deletedAt: w.now } as Change);
      await cascade?.(w, ctx, row.id, w.now);
      return row;
    },

    /**
     * Soft-deletes the caller's live records matching `where` (a deleted parent's children, web deletes
     * and native uploads alike), stamped with the write's version so native clients download them;
     * updatedAt never goes back, so the tombstone wins LWW. Returns how many there were.
     */
    async removeAll(w: WriteScope, ctx: ServiceContext, where: SQL, at: number = w.now): Promise<number> {
      const result = await w.tx
        .update(t)
        .set({ deletedAt: at, serverVersion: w.serverVersion, updatedAt: sql`max(${t.updatedAt}, ${at})` })
        .where(live(ctx, where));
      return result.rowsAffected;
    },
  };
}

/** The answer to a delete: which record, and when. */
export const tombstone = (row: { id: string }, w: WriteScope) => ({ id: row.id, deletedAt: w.now });

/** The caller's row of a table outside record sync, found by `where`; a 404 naming `what` otherwise. */
export async function ownRowOrThrow<T extends SQLiteTable & { userId: SQLiteColumn }>(
  db: Db | Tx,
  ctx: ServiceContext,
  table: T,
  where: SQL | undefined,
  what: string,
): Promise<T['$inferSelect']> {
  const row = await db
    .select()
    .from(table as SQLiteTable)
    .where(and(eq(table.userId, ctx.userId), where))
    .get();
  if (!row) throw notFound(what);
  return row as T['$inferSelect'];
}

/** A row as the API shows it: everything but the owner and the sync bookkeeping. */
export function viewOf<R extends { userId: string; serverVersion: number; deletedAt: number | null }>(
  row: R,
): Omit<R, 'userId' | 'serverVersion' | 'deletedAt'> {
  const { userId: _userId, serverVersion: _serverVersion, deletedAt: _deletedAt, ...view } = row;
  return view;
}

/** Whether `change` would give any field of `row` another value (JSON columns compared by content). */
export function changes(row: Record<string, unknown>, change: Record<string, unknown>): boolean {
  return Object.entries(change).some(([key, value]) => {
    if (value === undefined) return false;
    const held = row[key];
    if (typeof value === 'object' && value !== null && typeof held === 'object' && held !== null) return JSON.stringify(value) !== JSON.stringify(held);
    return value !== held;
  });
}
