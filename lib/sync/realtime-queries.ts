import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { hashKey } from '@tanstack/react-query';
import type { Scope } from '@/lib/shared/events';
import type { SseEvent } from '@/lib/shared/realtime';
import { contracts, type RefreshKey } from './contracts';
import { adminKeys } from './queries/admin';
import { bookKeys } from './queries/books';
import { deviceTokenKeys } from './queries/device-tokens';
import { focusKeys } from './queries/focus';
import { habitKeys } from './queries/habits';
import { moodKeys } from './queries/mood';
import { planKeys } from './queries/plan';
import { plannerKeys } from './queries/planner';
import { progressKeys } from './queries/progress';
import { questKeys } from './queries/quests';
import { settingsKeys } from './queries/settings';
import type { ResyncReason } from './sse-client';
import { profileKey, tasksKeys } from './tasks/queries';

/**
 * The queries (key prefixes) that show each scope's data, so `changed {scope}` refetches exactly
 * them. Today's plan lists planner events, tasks, habits and mood check-ins, so those scopes reach
 * it too; finished focus sessions are progress (stopping a session bumps both scopes).
 */
export const SCOPE_QUERIES: Readonly<Record<Scope, (userId: string) => QueryKey[]>> = {
  profile: (u) => [profileKey(u)],
  terms: (u) => [adminKeys.terms(u)],
  focus: (u) => [focusKeys.active(u)],
  plan: (u) => [planKeys.all(u)],
  planner: (u) => [plannerKeys.all(u), planKeys.all(u)],
  tasks: (u) => [tasksKeys.all(u), planKeys.all(u)],
  quests: (u) => [questKeys.all(u)],
  habits: (u) => [habitKeys.all(u), planKeys.all(u)],
  progress: (u) => [progressKeys.all(u), focusKeys.allSessions(u)],
  books: (u) => [bookKeys.all(u)],
  mood: (u) => [moodKeys.all(u), planKeys.all(u)],
  admin: (u) => [adminKeys.all(u)],
  devices: (u) => [settingsKeys.apiKeys(u), settingsKeys.devices(u), deviceTokenKeys.list(u)],
};

/** Queries a channel handler already brought up to date from an event, by event. */
const handled = new WeakMap<SseEvent, Set<string>>();

/**
 * A channel handler applied `event` to the query (or refetched it itself): the scope invalidation
 * that follows for the same event leaves it alone. RealtimeClient runs channel handlers before `*`.
 */
export function markHandled(event: SseEvent, queryKey: QueryKey): void {
  let set = handled.get(event);
  if (!set) handled.set(event, (set = new Set()));
  set.add(hashKey(queryKey));
}

/**
 * Invalidates every query showing a scope the event changed — active ones refetch now, the rest
 * when next shown — except those a channel handler already handled for this event.
 */
export function invalidateChangedScopes(client: QueryClient, userId: string, event: SseEvent): Promise<void>[] {
  const skip = handled.get(event);
  const prefixes = new Map<string, QueryKey>();
  for (const scope of event.changedScopes ?? []) {
    for (const key of SCOPE_QUERIES[scope as Scope]?.(userId) ?? []) prefixes.set(hashKey(key), key);
  }
  return [...prefixes.values()].map((queryKey) => client.invalidateQueries({ queryKey, predicate: (q) => !skip?.has(q.queryHash) }));
}

/**
 * After a (re)connect the time-sensitive (polling) contracts refetch only if stale, so a
 * reconnect or back/forward restore inside the window costs nothing; after a server `resync` (events
 * were lost) every one of them refetches, however fresh it looks.
 */
export function refreshAfterResync(
  client: QueryClient,
  mounted: Iterable<{ refreshKey: RefreshKey; queryKey: QueryKey }>,
  reason: ResyncReason,
): Promise<void>[] {
  const done: Promise<void>[] = [];
  for (const { refreshKey, queryKey } of mounted) {
    if (contracts[refreshKey].pollMs === null) continue;
    done.push(reason === 'resync' ? client.invalidateQueries({ queryKey, exact: true }) : client.refetchQueries({ queryKey, exact: true, stale: true }));
  }
  return done;
}
