import 'server-only';
import type { ChangeHints, Scope } from '@/lib/shared/events';
import { getDb, type Tx } from '@/lib/server/platform/db/client';
import { logger } from '@/lib/server/platform/log';
import { getBus } from './bus';
import { bumpScopes } from './scopes';

export interface ServiceContext {
  userId: string;
  /** The device the change came from; its own SSE stream is not nudged. */
  deviceId?: string | null;
}

export interface WriteScope {
  tx: Tx;
  /** The user's write sequence number for this transaction: stamp it as `server_version`. */
  serverVersion: number;
  now: number;
  /** Extra hints for the change event (task ids, a realtime channel event…). */
  hints: Omit<ChangeHints, 'changedScopes'>;
}

/**
 * The one path of a change: run `fn` in a write transaction, bump the scope versions in it,
 * and after commit publish one ChangeEvent. Every domain write goes through here.
 */
export async function writeChange<T>(ctx: ServiceContext, scopes: readonly [Scope, ...Scope[]], fn: (w: WriteScope) => Promise<T>): Promise<T> {
  const now = Date.now();
  const hints: WriteScope['hints'] = {};
  const result = await getDb().transaction(async (tx) => {
    const serverVersion = await bumpScopes(tx, ctx.userId, scopes);
    return fn({ tx, serverVersion, now, hints });
  });
  await publishChange(ctx, scopes, hints, now);
  return result;
}

async function publishChange(ctx: ServiceContext, scopes: readonly [Scope, ...Scope[]], hints: WriteScope['hints'], now: number) {
  try {
    await getBus().publish({
      userId: ctx.userId,
      scope: scopes[0],
      hints: { ...hints, changedScopes: [...scopes] },
      sourceDeviceId: ctx.deviceId ?? null,
      occurredAt: now,
    });
  } catch (err) {
    // The write is committed; a lost nudge only delays freshness until the next poll.
    logger().error({ err, userId: ctx.userId, scopes }, 'publishing a change failed');
  }
}
