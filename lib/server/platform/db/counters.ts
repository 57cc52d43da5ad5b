import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { userCounters } from './schema';

export type CounterName = (typeof userCounters.$inferSelect)['name'];

/** Adds one to the counter and returns its new value (1 the first time). */
export function incrementCounter(tx: Tx, userId: string, name: CounterName): Promise<number> {
  return addToCounter(tx, userId, name, 1);
}

/** Adds `n` to the counter and returns its new value. */
export async function addToCounter(tx: Tx, userId: string, name: CounterName, n: number): Promise<number> {
  const [row] = await tx
    .insert(userCounters)
    .values({ userId, name, value: n })
    .onConflictDoUpdate({ target: [userCounters.userId, userCounters.name], set: { value: sql`${userCounters.value} + ${n}` } })
    .returning({ value: userCounters.value });
  return row.value;
}

/** Raises the counter to `value` (never lowers it). */
export async function raiseCounter(tx: Tx, userId: string, name: CounterName, value: number): Promise<void> {
  await tx
    .insert(userCounters)
    .values({ userId, name, value })
    .onConflictDoUpdate({ target: [userCounters.userId, userCounters.name], set: { value: sql`max(${userCounters.value}, ${value})` } });
}

/** The counter's value, 0 when it was never written. */
export async function readCounter(db: Db | Tx, userId: string, name: CounterName): Promise<number> {
  const row = await db
    .select({ value: userCounters.value })
    .from(userCounters)
    .where(and(eq(userCounters.userId, userId), eq(userCounters.name, name)))
    .get();
  return row?.value ?? 0;
}
