import 'server-only';
import { eq, isNull, sql } from 'drizzle-orm';
import { runSql, sqlValues } from '@/lib/server/platform/db/statements';
import type { Db, Tx } from '@/lib/server/platform/db/client';
import { syncClients } from './schema';
import { AppError, forbidden } from '@/lib/server/platform/errors';

export const cursorExpired = () =>
  new AppError(
    'cursor_expired',
    'This client was retired or is too far behind: bootstrap again (GET /api/sync/bootstrap). Keep your outbox and push it afterwards.',
  );

/** What the log knows of a client: whose it is, its cursor, when it was last seen, whether it is retired. */
export interface ClientRow {
  userId: string;
  lastSeenServerSeq: number;
  lastSeenAt: number;
  retiredAt: number | null;
}

/** The client's row, if it was ever seen (plain SQL text: every push and pull reads it, decisions 056, 070). */
export async function readClient(db: Db | Tx, clientId: string): Promise<ClientRow | undefined> {
  const [row] = await sqlValues<[string, number, number, number | null]>(
    db,
    'select user_id, last_seen_server_seq, last_seen_at, retired_at from sync_clients where client_id = ?',
    [clientId],
  );
  return row && { userId: row[0], lastSeenServerSeq: Number(row[1]), lastSeenAt: Number(row[2]), retiredAt: row[3] === null ? null : Number(row[3]) };
}

/** 403 when the client id belongs to another account; 410 when it was retired (unless it is reviving). */
export function checkClient(row: ClientRow | undefined, userId: string, opts: { revive?: boolean } = {}): void {
  if (row && row.userId !== userId) throw forbidden('This client id belongs to another account');
  if (row?.retiredAt && !opts.revive) throw cursorExpired();
}

/** Registers a client on first sight, else records it was seen now (and revives it when asked). */
export async function markSeen(
  db: Db | Tx,
  userId: string,
  clientId: string,
  row: ClientRow | undefined,
  now: number,
  opts: { revive?: boolean } = {},
): Promise<void> {
  if (!row) {
    await db.insert(syncClients).values({ clientId, userId, lastSeenServerSeq: 0, lastSeenAt: now }).onConflictDoNothing();
    return;
  }
  await runSql(
    db,
    opts.revive
      ? 'update sync_clients set last_seen_at = ?, retired_at = null where client_id = ?'
      : 'update sync_clients set last_seen_at = ? where client_id = ?',
    [now, clientId],
  );
}

/**
 * Registers the client on first sight and checks it belongs to the caller (403 otherwise); a
 * retired client gets 410 until it bootstraps again.
 */
export async function touchClient(db: Db | Tx, userId: string, clientId: string, now: number, opts: { revive?: boolean } = {}): Promise<{ cursor: number }> {
  const row = await readClient(db, clientId);
  checkClient(row, userId, opts);
  await markSeen(db, userId, clientId, row, now, opts);
  return { cursor: row?.lastSeenServerSeq ?? 0 };
}

/**
 * After a backup is restored, every client's cursor may be ahead of the log it would pull from:
 * all are retired, so each bootstraps on the restored state (keeping its outbox). Returns how many.
 */
export async function retireAllClients(db: Db, now = Date.now()): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.update(syncClients).set({ retiredAt: now }).where(isNull(syncClients.retiredAt)).returning({ id: syncClients.clientId });
    return rows.length;
  });
}

/** Moves the client's cursor forward (never back): compaction keeps every op above it. */
export async function advanceCursor(db: Db | Tx, clientId: string, serverSeq: number, now: number): Promise<void> {
  await db
    .update(syncClients)
    .set({ lastSeenServerSeq: sql`max(${syncClients.lastSeenServerSeq}, ${serverSeq})`, lastSeenAt: now })
    .where(eq(syncClients.clientId, clientId));
}

// Cursors only ever move forward, and a lagging cursor just keeps more ops from compaction, so a
// pull records its cursor lazily: every 10 s, or when it moved far. Paging a big log stays read-only.
const CURSOR_WRITE_EVERY_MS = 10_000;
const CURSOR_WRITE_EVERY_OPS = 10_000;

/** A pull from `clientId` acknowledging `since`: checks ownership and retirement, records the cursor. */
export async function recordPull(db: Db | Tx, userId: string, clientId: string, since: number, now: number): Promise<void> {
  const row = await readClient(db, clientId);
  checkClient(row, userId);
  if (!row) {
    await db.insert(syncClients).values({ clientId, userId, lastSeenServerSeq: since, lastSeenAt: now }).onConflictDoNothing();
    return;
  }
  if (now - row.lastSeenAt >= CURSOR_WRITE_EVERY_MS || since - row.lastSeenServerSeq >= CURSOR_WRITE_EVERY_OPS) await advanceCursor(db, clientId, since, now);
}
