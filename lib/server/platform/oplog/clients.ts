import 'server-only';
import { eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/lib/server/platform/db/client';
import { syncClients } from './schema';
import { AppError, forbidden } from '@/lib/server/platform/errors';

export const cursorExpired = () =>
  new AppError(
    'cursor_expired',
    'This client was retired or is too far behind: bootstrap again (GET /api/sync/bootstrap). Keep your outbox and push it afterwards.',
  );

/**
 * Registers the client on first sight and checks it belongs to the caller (403 otherwise); a
 * retired client gets 410 until it bootstraps again.
 */
export async function touchClient(db: Db | Tx, userId: string, clientId: string, now: number, opts: { revive?: boolean } = {}): Promise<{ cursor: number }> {
  const row = await db.select().from(syncClients).where(eq(syncClients.clientId, clientId)).get();
  if (row && row.userId !== userId) throw forbidden('This client id belongs to another account');
  if (!row) {
    await db.insert(syncClients).values({ clientId, userId, lastSeenServerSeq: 0, lastSeenAt: now }).onConflictDoNothing();
    return { cursor: 0 };
  }
  if (row.retiredAt && !opts.revive) throw cursorExpired();
  await db
    .update(syncClients)
    .set({ lastSeenAt: now, ...(opts.revive ? { retiredAt: null } : {}) })
    .where(eq(syncClients.clientId, clientId));
  return { cursor: row.lastSeenServerSeq };
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
  const row = await db.select().from(syncClients).where(eq(syncClients.clientId, clientId)).get();
  if (row && row.userId !== userId) throw forbidden('This client id belongs to another account');
  if (!row) {
    await db.insert(syncClients).values({ clientId, userId, lastSeenServerSeq: since, lastSeenAt: now }).onConflictDoNothing();
    return;
  }
  if (row.retiredAt) throw cursorExpired();
  if (now - row.lastSeenAt >= CURSOR_WRITE_EVERY_MS || since - row.lastSeenServerSeq >= CURSOR_WRITE_EVERY_OPS) await advanceCursor(db, clientId, since, now);
}
