import 'server-only';
import type { Db, Tx } from './client';
import { runSql, sqlValues } from './statements';
import type { userCounters } from './schema';

export type CounterName = (typeof userCounters.$inferSelect)['name'];

// Plain SQL text: every write runs these (the write sequence, the op log's numbers), and drizzle's
// query builder cost several times SQLite's work on such a statement (decisions 056, 070).

/** Adds one to the counter and returns its new value (1 the first time). */
export function incrementCounter(tx: Tx, userId: string, name: CounterName): Promise<number> {
  return addToCounter(tx, userId, name, 1);
}

/** Adds `n` to the counter and returns its new value. */
export async function addToCounter(tx: Tx, userId: string, name: CounterName, n: number): Promise<number> {
  const [row] = await sqlValues<[number]>(
    tx,
    `insert into user_counters (user_id, name, value) values (?, ?, ?)
      on conflict (user_id, name) do update set value = value + excluded.value returning value`,
    [userId, name, n],
  );
  return Number(row[0]);
}

/** Raises the counter to `value` (never lowers it). */
export async function raiseCounter(tx: Tx, userId: string, name: CounterName, value: number): Promise<void> {
  await runSql(
    tx,
    `insert into user_counters (user_id, name, value) values (?, ?, ?)
      on conflict (user_id, name) do update set value = max(value, excluded.value)`,
    [userId, name, value],
  );
}

/** The counter's value, 0 when it was never written. */
export async function readCounter(db: Db | Tx, userId: string, name: CounterName): Promise<number> {
  const [row] = await sqlValues<[number]>(db, 'select value from user_counters where user_id = ? and name = ?', [userId, name]);
  return row ? Number(row[0]) : 0;
}
