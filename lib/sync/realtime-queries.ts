import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { SCOPES, type Scope } from '@/lib/shared/events';
import type { SseEvent } from '@/lib/shared/realtime';
import { contractFor } from './contracts';
import { hashQueryKey } from './env';
import type { MountedQuery } from './query-registry';
import { RESOURCES } from './resources/all';
import type { ResyncReason } from './sse-client';

/**
 * The queries (key prefixes) that show each scope's data, so `changed {scope}` reaches exactly
 * them: derived from the resources' own `scopes`, never written beside them.
 */
export const SCOPE_QUERIES: Readonly<Record<Scope, (userId: string) => QueryKey[]>> = Object.fromEntries(
  SCOPES.map((scope) => [scope, (userId: string) => RESOURCES.filter((r) => r.scopes.includes(scope)).map((r) => [...r.prefix(userId)])]),
) as unknown as Record<Scope, (userId: string) => QueryKey[]>;

/** Queries a channel handler already brought up to date from an event, by event. */
const handled = new WeakMap<SseEvent, Set<string>>();

/**
 * A channel handler applied `event` to the query itself: the scope nudge that follows for the
 * same event leaves it alone. RealtimeClient runs channel handlers before `*`.
 */
export function markHandled(event: SseEvent, queryKey: QueryKey): void {
  let set = handled.get(event);
  if (!set) handled.set(event, (set = new Set()));
  set.add(hashQueryKey(queryKey));
}

const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) =>
  key.length >= prefix.length && hashQueryKey(key.slice(0, prefix.length)) === hashQueryKey(prefix);

/**
 * Every query showing a scope the event changed, but those a channel handler already handled:
 * one this page shows is nudged — its leader tab refetches once for the whole browser and relays
 * the answer, the other tabs wait for it — and one only in the cache is marked stale for its next showing.
 */
export function nudgeChangedScopes(client: QueryClient, userId: string, event: SseEvent, mounted: Iterable<[string, MountedQuery]> = []): Promise<void>[] {
  const skip = handled.get(event);
  const prefixes = (event.changedScopes ?? []).flatMap((scope) => SCOPE_QUERIES[scope as Scope]?.(userId) ?? []);
  if (prefixes.length === 0) return [];
  const shown = new Map([...mounted].filter(([hash, q]) => !skip?.has(hash) && prefixes.some((p) => startsWith(q.queryKey, p))));
  shown.forEach((q) => q.sync.nudge());
  const cached = client.getQueryCache().findAll({ predicate: (q) => prefixes.some((p) => startsWith(q.queryKey, p)) });
  return cached
    .filter((q) => !skip?.has(q.queryHash) && !shown.has(q.queryHash))
    .map((q) => client.invalidateQueries({ queryKey: q.queryKey, exact: true, refetchType: 'none' }));
}

/**
 * After a (re)connect the time-sensitive (polling) contracts refetch only if stale, so a reconnect
 * or back/forward restore inside the window costs nothing; after a server `resync` (events were
 * lost) every one of them refetches, however fresh it looks — each through its leader tab.
 */
export function refreshAfterResync(mounted: Iterable<[string, MountedQuery]>, reason: ResyncReason): void {
  for (const [, query] of mounted) {
    if (contractFor(query.contract).pollMs !== null) query.sync.resync(reason);
  }
}
