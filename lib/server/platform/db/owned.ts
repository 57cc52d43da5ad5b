import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import type { ServiceContext, WriteScope } from '@/lib/server/platform/changes';
import { notFound } from '@/lib/server/platform/errors';
import type { Db, Tx } from './client';
import type { SyncedShape } from './columns';

type Meta = 'id' | 'userId' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'serverVersion';

const isRecordId = (id: string) => z.guid().safeParse(id).success;

/**
 * The caller's records of one synced table. Every read and write here is scoped by the owner, so a
 * forgotten `where userId` cannot happen (STYLE.md §1), and every write is stamped with its write's
 * server version and time, which native sync and the ETags rely on.
 */
export function ownedRecords<T extends SQLiteTable & { $inferSelect: { id: string; userId: string } }>(
  table: T,
  what: string,
  /** Rows the domain does not show (a check-in kind this server does not define) are not found either. */
  shown: (row: T['$inferSelect']) => boolean = () => true,
) {
  type Row = T['$inferSelect'];
  type Fields = Omit<T['$inferInsert'], Meta>;
  type Change = Partial<Omit<Row, Meta>> & { deletedAt?: number | null };
  const t = table as unknown as SyncedShape;

  /** The caller's live rows, with any further conditions. */
  const live = (ctx: ServiceContext, ...more: (SQL | undefined)[]) => and(eq(t.userId, ctx.userId), isNull(t.deletedAt), ...more);

  /** Changes one of the caller's records (live or not). */
  async function save(w: WriteScope, ctx: ServiceContext, id: string, change: Change): Promise<Row> {
    const [row] = await w.tx
      .update(t)
      .set({ ...change, serverVersion: w.serverVersion, updatedAt: w.now } as never)
      .where(and(eq(t.id, id), eq(t.userId, ctx.userId)))
      .returning();
    if (!row) throw notFound(what);
    return row as Row;
  }

  return {
    live,
    save,

    /** The caller's live record; a malformed, unknown, deleted or foreign id is a 404 alike. */
    async getOrThrow(db: Db | Tx, ctx: ServiceContext, id: string): Promise<Row> {
      const row = isRecordId(id)
        ? await db
            .select()
            .from(t)
            .where(live(ctx, eq(t.id, id)))
            .get()
        : undefined;
      if (!row || !shown(row as Row)) throw notFound(what);
      return row as Row;
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

    /** Soft-deletes one of the caller's records: native clients download the tombstone. */
    remove: (w: WriteScope, ctx: ServiceContext, id: string): Promise<Row> => save(w, ctx, id, { deletedAt: w.now } as Change),
  };
}

/** A row as the API shows it: everything but the owner and the sync bookkeeping. */
export function viewOf<R extends { userId: string; serverVersion: number; deletedAt: number | null }>(
  row: R,
): Omit<R, 'userId' | 'serverVersion' | 'deletedAt'> {
  const { userId: _userId, serverVersion: _serverVersion, deletedAt: _deletedAt, ...view } = row;
  return view;
}
