import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { getDb } from '@/lib/server/platform/db/client';
import { AppError, badRequest } from '@/lib/server/platform/errors';
import { processSingleton } from '@/lib/server/platform/process';
import { PRIVATE_HEADERS } from './respond';
import { idempotencyKeys } from './schema';

// `Idempotency-Key` on every write (decision 042): the first answer to a user's key is stored for
// 24 hours and replayed for a repeat — same status and body, no second write, no second event. A
// repeat with another method, path, query or body is refused (422). Keys are per user: another
// user's same key is another key.

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** What the server says on a replayed answer, so a client can tell (Stripe's name). */
export const REPLAYED_HEADER = 'Idempotent-Replayed';
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A first request that never finished (its process died) stops holding its key after this. */
const ABANDONED_AFTER_MS = 60_000;
/** UUIDs and the like: 8–128 characters of letters, digits and `-_.:`. */
const KEY_FORMAT = /^[A-Za-z0-9_.:-]{8,128}$/;

/** The request's key, null without one; 400 for a malformed one. */
export function idempotencyKeyOf(req: Request): string | null {
  const key = req.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (!KEY_FORMAT.test(key)) throw badRequest('Idempotency-Key must be 8–128 characters of letters, digits and - _ . :');
  return key;
}

/** What makes two requests "the same": method, path with query, and the parsed body. */
export function requestFingerprint(method: string, url: URL, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${url.pathname}?${url.searchParams}\n${JSON.stringify(body ?? null)}`)
    .digest('base64url');
}

type Row = typeof idempotencyKeys.$inferSelect;

// First requests running in this process, so a concurrent repeat waits for the answer instead of
// being told to retry (the common case: one browser's outbox and its retry on the same node).
const running = processSingleton('idempotency-running', () => new Map<string, Promise<unknown>>());

function replay(row: Row): Response {
  return new Response(row.body, {
    status: row.status!,
    headers: { ...PRIVATE_HEADERS, 'Content-Type': row.contentType ?? 'application/json; charset=utf-8', [REPLAYED_HEADER]: 'true' },
  });
}

const mismatch = () => new AppError('idempotency_key_reused', 'This Idempotency-Key was used for a different request; send a new key for a new change');
const inProgress = () =>
  new AppError('conflict', 'A request with this Idempotency-Key is still being processed; retry in a moment', undefined, { 'Retry-After': '1' });

/** A stored row that still holds its key: answered within the window, or a first request still running. */
const holds = (row: Row, now: number) => row.createdAt >= now - IDEMPOTENCY_TTL_MS && (row.status !== null || row.createdAt >= now - ABANDONED_AFTER_MS);

/** Takes the key for this request: true when it is ours to run, else the stored row. */
async function claim(userId: string, key: string, fingerprint: string, now: number): Promise<true | Row> {
  // A repeat (the common case of a replaying outbox) is a read: no write transaction.
  const existing = await stored(userId, key);
  if (existing && holds(existing, now)) return existing;
  return getDb().transaction(async (tx) => {
    // Expired answers, and first requests that died, give their key up; this user's old rows go too.
    await tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), lt(idempotencyKeys.createdAt, now - IDEMPOTENCY_TTL_MS)));
    await tx
      .delete(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.userId, userId),
          eq(idempotencyKeys.key, key),
          isNull(idempotencyKeys.status),
          lt(idempotencyKeys.createdAt, now - ABANDONED_AFTER_MS),
        ),
      );
    const inserted = await tx
      .insert(idempotencyKeys)
      .values({ userId, key, fingerprint, createdAt: now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length > 0) return true;
    return (await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
      .get())!;
  });
}

async function settle(userId: string, key: string, res: Response): Promise<void> {
  const where = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));
  const contentType = res.headers.get('content-type');
  // A server failure is not an answer to keep: the repeat runs again. Nor is a stream.
  if (res.status >= 500 || (contentType !== null && !contentType.startsWith('application/json'))) {
    await getDb().transaction((tx) => tx.delete(idempotencyKeys).where(where));
    return;
  }
  const body = await res.clone().text();
  await getDb().transaction((tx) => tx.update(idempotencyKeys).set({ status: res.status, contentType, body }).where(where));
}

async function stored(userId: string, key: string): Promise<Row | undefined> {
  return getDb()
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
    .get();
}

/**
 * Runs `run` once per user and key: a repeat with the same fingerprint gets the stored answer (or,
 * while the first is running here, waits for it); with another fingerprint, 422; while the first runs
 * on another node, 409 with Retry-After.
 */
export async function idempotent(userId: string, key: string, fingerprint: string, run: () => Promise<Response>): Promise<Response> {
  const claimed = await claim(userId, key, fingerprint, Date.now());
  const slot = `${userId}\n${key}`;
  if (claimed !== true) {
    if (claimed.fingerprint !== fingerprint) throw mismatch();
    if (claimed.status !== null) return replay(claimed);
    await running.get(slot)?.catch(() => undefined);
    const row = await stored(userId, key);
    if (row?.status != null && row.fingerprint === fingerprint) return replay(row);
    throw inProgress();
  }
  const work = (async () => {
    let res: Response;
    try {
      res = await run();
    } catch (err) {
      await getDb().transaction((tx) => tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))));
      throw err;
    }
    await settle(userId, key, res);
    return res;
  })();
  running.set(slot, work);
  try {
    return await work;
  } finally {
    running.delete(slot);
  }
}

/** Drops every stored answer older than the window, for all users (the maintenance sweep). */
export async function pruneIdempotencyKeys(now = Date.now()): Promise<number> {
  const result = await getDb().transaction((tx) =>
    tx
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, now - IDEMPOTENCY_TTL_MS))
      .returning({ n: sql<number>`1` }),
  );
  return result.length;
}
