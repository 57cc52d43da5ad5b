import 'server-only';
import { and, eq, isNull, lt, ne } from 'drizzle-orm';
import { changeFeed } from '@/lib/server/platform/changes';
import { getDb, type Tx } from '@/lib/server/platform/db/client';
import { TOUCH_EVERY_MS } from '@/lib/server/platform/db/columns';
import { processSingleton } from '@/lib/server/platform/process';
import { parseEndedHint } from '@/lib/server/platform/realtime/revocation';
import { sessions } from './schema';

// A browser session is an encrypted JWT (next-auth) *and* a row here: signing out, "sign out
// everywhere", a password change or a deleted account revoke the row, and the JWT stops working at
// once on every node, though it would stay valid for up to 30 days on its own (SECURITY.md).

/** How long a node trusts what it read of a session; a revocation evicts it at once, on every node, through the bus. */
const TRUST_MS = 15_000;
const MAX_CACHED = 10_000;

interface Known {
  userId: string;
  live: boolean;
  lastSeenAt: number;
  until: number;
}

function cache(): Map<string, Known> {
  return processSingleton('session-rows', () => {
    const known = new Map<string, Known>();
    changeFeed().subscribeAll((change) => {
      if (!change.hints.sessionEnded) return;
      const ended = parseEndedHint(change.hints.sessionEnded);
      if (ended.kind === 'session') known.delete(ended.id);
      if (ended.kind === 'user') for (const [id, k] of known) if (k.userId === change.userId) known.delete(id);
    });
    return known;
  });
}

/** Opens the row of a new sign-in. */
export async function openSession(userId: string, sessionId: string, userAgent: string | null, now = Date.now()): Promise<void> {
  await getDb().transaction(async (tx) => {
    await tx
      .insert(sessions)
      .values({ id: sessionId, userId, userAgent: userAgent?.slice(0, 300) ?? null, createdAt: now, lastSeenAt: now })
      .onConflictDoNothing();
  });
}

/**
 * Whether the browser session may act: its row exists, is the user's and is not revoked. A JWT signed
 * before sessions had rows has none: it is refused once, and the user signs in again.
 */
export async function sessionIsLive(userId: string, sessionId: string, now = Date.now()): Promise<boolean> {
  const known = cache();
  let entry = known.get(sessionId);
  if (!entry || entry.until <= now) {
    const row = await getDb().select().from(sessions).where(eq(sessions.id, sessionId)).get();
    entry = { userId, live: row?.userId === userId && row.revokedAt === null, lastSeenAt: row?.lastSeenAt ?? now, until: now + TRUST_MS };
    known.delete(sessionId);
    known.set(sessionId, entry);
    if (known.size > MAX_CACHED) known.delete(known.keys().next().value!);
  }
  return entry.live;
}

/**
 * Records that the session made a request that succeeded (at most once a minute): called after the
 * answer, so a refused request writes nothing, not even this.
 */
export async function markSessionSeen(sessionId: string, now = Date.now()): Promise<void> {
  const entry = cache().get(sessionId);
  if (!entry?.live || entry.lastSeenAt > now - TOUCH_EVERY_MS) return;
  entry.lastSeenAt = now;
  await touchSession(sessionId, now);
}

// Not a change of the user's data: no scope moves. The WHERE keeps concurrent requests from writing twice a minute.
async function touchSession(sessionId: string, now: number): Promise<void> {
  await getDb().transaction(async (tx) => {
    await tx
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, sessionId), lt(sessions.lastSeenAt, now - TOUCH_EVERY_MS + 1)));
  });
}

/** Revokes the user's live sessions (all, one, or all but one) inside a write; returns the ids revoked. */
export async function revokeSessions(tx: Tx, userId: string, now: number, which: { only?: string; except?: string } = {}): Promise<string[]> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        which.only !== undefined ? eq(sessions.id, which.only) : undefined,
        which.except !== undefined ? ne(sessions.id, which.except) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  const revoked = rows.map((r) => r.id);
  for (const id of revoked) cache().delete(id);
  return revoked;
}
