import 'server-only';
import type { ChangeEvent, ChangeHints, Scope } from '@/lib/shared/events';
import { getDb, type Tx } from '@/lib/server/platform/db/client';
import { sqlValues } from '@/lib/server/platform/db/statements';
import { logger } from '@/lib/server/platform/log';
import type { StreamCredential } from '@/lib/server/platform/realtime/revocation';
import { endedHint } from '@/lib/server/platform/realtime/revocation';
import { getBus } from './bus';
import { bumpScopes } from './scopes';

export interface ServiceContext {
  userId: string;
  /** The device the change came from; its own SSE stream is not nudged. */
  deviceId?: string | null;
  /** How the caller signed in, where a service must tell (API keys are managed from a browser only). */
  via?: 'session' | 'apikey';
  /** The caller's browser session, when it is one. */
  sessionId?: string;
}

export interface WriteScope {
  tx: Tx;
  /** The user's write sequence number for this transaction: stamp it as `server_version`. */
  serverVersion: number;
  now: number;
  /** Extra hints for the change event (task ids, a realtime channel event…). */
  hints: Omit<ChangeHints, 'changedScopes'>;
  /**
   * The write changed another user's data too (a device token moving to its new owner): their scopes
   * are bumped in this transaction, and they get a change event of their own after commit.
   */
  alsoChanged(userId: string, scopes: readonly [Scope, ...Scope[]]): Promise<void>;
}

/** Rolls back a write that changed no row, carrying its answer out of the transaction. */
class NothingChanged<T> extends Error {
  constructor(readonly result: T) {
    super('nothing changed');
  }
}

/** Rows inserted, updated or deleted on this connection so far (SQLite's total_changes()). */
async function rowsChangedSoFar(tx: Tx): Promise<number> {
  const [row] = await sqlValues<[number]>(tx, 'select total_changes()');
  return Number(row[0]);
}

/**
 * The one path of a change: run `fn` in a write transaction, bump the scope versions in it,
 * and after commit publish one ChangeEvent. Every domain write goes through here. A write that
 * changed no row (the same values again, a retried op) rolls back: it bumps no scope, so no ETag
 * moves, and publishes nothing, so no device is nudged or woken.
 */
export async function writeChange<T>(ctx: ServiceContext, scopes: readonly [Scope, ...Scope[]], fn: (w: WriteScope) => Promise<T>): Promise<T> {
  const now = Date.now();
  const hints: WriteScope['hints'] = {};
  const others = new Map<string, readonly [Scope, ...Scope[]]>();
  let result: T;
  try {
    result = await getDb().transaction(async (tx) => {
      const serverVersion = await bumpScopes(tx, ctx.userId, scopes);
      const before = await rowsChangedSoFar(tx);
      const alsoChanged = async (userId: string, theirs: readonly [Scope, ...Scope[]]) => {
        await bumpScopes(tx, userId, theirs);
        others.set(userId, theirs);
      };
      const out = await fn({ tx, serverVersion, now, hints, alsoChanged });
      if ((await rowsChangedSoFar(tx)) === before) throw new NothingChanged(out);
      return out;
    });
  } catch (err) {
    if (err instanceof NothingChanged) return err.result as T;
    throw err;
  }
  await publish({
    userId: ctx.userId,
    scope: scopes[0],
    hints: { ...hints, changedScopes: [...scopes] },
    sourceDeviceId: ctx.deviceId ?? null,
    occurredAt: now,
  });
  for (const [userId, theirs] of others) {
    await publish({ userId, scope: theirs[0], hints: { changedScopes: [...theirs] }, sourceDeviceId: null, occurredAt: now });
  }
  return result;
}

/**
 * A credential ended without any data changing (a browser session signed out): no scope moves, and
 * the event closes the realtime streams opened with it on every node.
 */
export async function publishCredentialEnded(userId: string, credential: StreamCredential): Promise<void> {
  await publish({ userId, scope: 'profile', hints: { changedScopes: [], sessionEnded: endedHint(credential) }, sourceDeviceId: null, occurredAt: Date.now() });
}

async function publish(event: ChangeEvent): Promise<void> {
  try {
    await getBus().publish(event);
  } catch (err) {
    // The write is committed; a lost nudge only delays freshness until the next poll.
    logger().error({ err, userId: event.userId, scopes: event.hints.changedScopes }, 'publishing a change failed');
  }
}
