import 'server-only';
import { and, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '@/lib/server/platform/changes';
import { getDb } from '@/lib/server/platform/db/client';
import type { Freshness } from '@/lib/server/platform/http/read';
import { focusSessions } from './schema';
import { settleOverdue } from './session-end';

/**
 * The freshness of another domain's read that counts focus time: a forgotten session past its grace
 * completes itself first (decision 030), so the answer and its ETag both count its planned minutes.
 */
export function settlingFocus(freshness: Freshness): (ctx: ServiceContext) => Promise<Freshness> {
  return async (ctx) => {
    await settleOverdue(ctx);
    return freshness;
  };
}

/**
 * The caller's sessions started in [from, to) that were completed: an abandoned session is not
 * focus time, and a running one counts once it completes (Today's figure and Progress's alike).
 */
export function completedBetween(ctx: ServiceContext, from: number, to: number): SQL | undefined {
  return and(
    eq(focusSessions.userId, ctx.userId),
    eq(focusSessions.status, 'completed'),
    isNull(focusSessions.deletedAt),
    gte(focusSessions.startedAt, from),
    lt(focusSessions.startedAt, to),
  );
}

/** Focus time of the sessions completedBetween() names. */
export async function completedFocusMs(ctx: ServiceContext, from: number, to: number): Promise<number> {
  const row = await getDb()
    .select({ ms: sql<number>`coalesce(sum(${focusSessions.focusMs}), 0)` })
    .from(focusSessions)
    .where(completedBetween(ctx, from, to))
    .get();
  return Number(row?.ms ?? 0);
}
