import 'server-only';
import type { Scope } from '@/lib/shared/events';
import type { ServiceContext } from '@/lib/server/platform/changes';

/** What a read's answer depends on: its GET's ETag is derived from it, before any data is loaded. */
export interface Freshness {
  /** The scopes whose versions the answer depends on. */
  scopes: readonly Scope[];
  /** The answer also changes as time passes (a check-in falls due, the user's midnight): the ETag turns over every `everyMs`. */
  everyMs?: number;
  /** Anything else it depends on that no write moves (who is connected now). */
  key?: string;
}

/** A domain's read, carrying what its answer depends on, declared beside it: route() makes its GET conditional from it. */
export interface Read<Q, R> {
  (ctx: ServiceContext, query: Q): Promise<R>;
  freshness(ctx: ServiceContext, query: Q): Freshness | Promise<Freshness>;
}

/**
 * Declares a read with its freshness. `freshness` may check preconditions and throw (an API key
 * where a browser session is needed, a retired sync client): a 304 is never given to a caller the
 * read itself would refuse.
 */
export function read<R, Q = void>(
  freshness: Freshness | ((ctx: ServiceContext, query: Q) => Freshness | Promise<Freshness>),
  load: (ctx: ServiceContext, query: Q) => Promise<R>,
): Read<Q, R> {
  return Object.assign((ctx: ServiceContext, query: Q) => load(ctx, query), {
    freshness: typeof freshness === 'function' ? freshness : () => freshness,
  });
}

/** The part of an ETag that time moves: the current bucket of `everyMs`. */
export function timeBucket(freshness: Freshness, now = Date.now()): string {
  return freshness.everyMs ? String(Math.floor(now / freshness.everyMs)) : '';
}

/** Every UTC offset is a multiple of 15 minutes, so each user's local midnight starts a new quarter hour. */
export const LOCAL_MIDNIGHT_BUCKET_MS = 15 * 60_000;
export const MINUTE_MS = 60_000;
