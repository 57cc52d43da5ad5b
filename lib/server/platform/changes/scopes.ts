import 'server-only';
import type { Scope } from '@/lib/shared/events';
import { incrementCounter, readCounter } from '@/lib/server/platform/db/counters';
import type { Db, Tx } from '@/lib/server/platform/db/client';
import { runSql, sqlValues } from '@/lib/server/platform/db/statements';

/**
 * Bumps the user's scope versions inside the write's transaction and returns the user's new write
 * sequence number (the `server_version` for rows written in this transaction).
 */
export async function bumpScopes(tx: Tx, userId: string, scopes: readonly Scope[]): Promise<number> {
  // Plain SQL text: every write runs it, and drizzle's builder cost more than the statement (decisions 056, 070).
  const distinct = [...new Set(scopes)];
  await runSql(
    tx,
    `insert into scope_versions (user_id, scope, version) values ${distinct.map(() => '(?, ?, 1)').join(', ')}
    on conflict (user_id, scope) do update set version = version + 1`,
    distinct.flatMap((scope) => [userId, scope]),
  );
  return incrementCounter(tx, userId, 'write_seq');
}

/** Current versions of the given scopes (0 for a scope never written). */
export async function readScopeVersions(db: Db, userId: string, scopes: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = Object.fromEntries(scopes.map((s) => [s, 0]));
  if (scopes.length === 0) return out;
  // Plain SQL text: every read's ETag runs it, 304s included (decision 070).
  const rows = await sqlValues<[string, number]>(
    db,
    `select scope, version from scope_versions where user_id = ? and scope in (${scopes.map(() => '?').join(', ')})`,
    [userId, ...scopes],
  );
  for (const r of rows) out[r[0]] = Number(r[1]);
  return out;
}

/** The user's newest write sequence number: every write numbered up to it has committed. */
export function currentWriteSeq(db: Db | Tx, userId: string): Promise<number> {
  return readCounter(db, userId, 'write_seq');
}
