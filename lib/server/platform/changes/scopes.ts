import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Scope } from '@/lib/shared/events';
import { incrementCounter, readCounter } from '@/lib/server/platform/db/counters';
import type { Db, Tx } from '@/lib/server/platform/db/client';
import { runSql } from '@/lib/server/platform/db/statements';
import { scopeVersions } from './schema';

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
  const rows = await db
    .select({ scope: scopeVersions.scope, version: scopeVersions.version })
    .from(scopeVersions)
    .where(and(eq(scopeVersions.userId, userId), inArray(scopeVersions.scope, [...scopes])));
  const out: Record<string, number> = Object.fromEntries(scopes.map((s) => [s, 0]));
  for (const r of rows) out[r.scope] = r.version;
  return out;
}

/** The user's newest write sequence number: every write numbered up to it has committed. */
export function currentWriteSeq(db: Db | Tx, userId: string): Promise<number> {
  return readCounter(db, userId, 'write_seq');
}
