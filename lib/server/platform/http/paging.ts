import 'server-only';
import { and, asc, desc, eq, gt, lt, or, type AnyColumn, type SQL } from 'drizzle-orm';
import { MAX_PAGE, type PageQuery } from '@/lib/shared/schemas/fields';
import { badRequest } from '@/lib/server/platform/errors';

/**
 * One page of a list, and the cursor of the next one (null on the last): route() sends the body and
 * a `Link: <…>; rel="next"` header, so a list never looks whole when it was cut.
 */
export class Page<T> {
  constructor(
    readonly body: T,
    readonly next: string | null,
  ) {}
}

type Key = string | number;

/** The order of a list: columns, each ascending or descending, the last one unique (the id). */
export type KeyOrder = readonly (readonly [AnyColumn, 'asc' | 'desc'])[];

/** The rows after the cursor, in the order's sense (a keyset condition: no offset to drift). */
export function after(order: KeyOrder, cursor: string | undefined): SQL | undefined {
  if (cursor === undefined) return undefined;
  const values = decode(cursor, order.length);
  const past = (i: number) => (order[i][1] === 'asc' ? gt(order[i][0], values[i]) : lt(order[i][0], values[i]));
  return or(...order.map((_, i) => and(...order.slice(0, i).map(([column], j) => eq(column, values[j])), past(i))));
}

/** ORDER BY for the order. */
export function orderOf(order: KeyOrder): SQL[] {
  return order.map(([column, dir]) => (dir === 'asc' ? asc(column) : desc(column)));
}

/** How many rows to read for a page: one more than it holds, to know whether another follows. */
export function pageSize(query: PageQuery, byDefault = MAX_PAGE): number {
  return (query.limit ?? byDefault) + 1;
}

/** Cuts what was read (`pageSize` rows at most) into a page and the next cursor. */
export function pageOf<R>(rows: R[], query: PageQuery, keyOf: (row: R) => Key[], byDefault = MAX_PAGE): { rows: R[]; next: string | null } {
  const limit = query.limit ?? byDefault;
  if (rows.length <= limit) return { rows, next: null };
  const kept = rows.slice(0, limit);
  return { rows: kept, next: encode(keyOf(kept[limit - 1])) };
}

function encode(key: Key[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decode(cursor: string, length: number): Key[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== length || !key.every((k) => typeof k === 'string' || (typeof k === 'number' && Number.isFinite(k)))) {
    throw badRequest('This cursor is not one the server sent: start again without it', [{ path: ['cursor'], message: 'Unknown cursor' }]);
  }
  return key;
}
