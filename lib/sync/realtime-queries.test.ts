import { QueryClient, QueryObserver, type QueryKey } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SCOPES, type Scope } from '@/lib/shared/events';
import type { SseEvent } from '@/lib/shared/realtime';
import type { RefreshKey } from './contracts';
import { hashQueryKey } from './env';
import type { MountedQuery } from './query-registry';
import { QuerySync } from './query-sync';
import { SCOPE_QUERIES, markHandled, nudgeChangedScopes, refreshAfterResync } from './realtime-queries';
import { adminTerms, adminUsers } from './resources/admin';
import { bookList } from './resources/books';
import { focusActive, focusSessions } from './resources/focus';
import { habitList } from './resources/habits';
import { moodEntries } from './resources/mood';
import { todayPlan } from './resources/plan';
import { plannerEvents } from './resources/planner';
import { profile } from './resources/profile';
import { progressSummary } from './resources/progress';
import { questList } from './resources/quests';
import { apiKeyList, deviceList, deviceTokenList } from './resources/settings';
import { taskCounts } from './resources/tasks';
import { testSyncEnv } from './test-env';

const U = 'u1';

/** Every query the app shows, by the key its page uses. */
const shown: Record<string, readonly unknown[]> = {
  'settings profile': profile(U).queryKey,
  'settings api keys': apiKeyList(U).queryKey,
  'settings devices': deviceList(U).queryKey,
  'settings device tokens': deviceTokenList(U).queryKey,
  'admin terms': adminTerms(U).queryKey,
  'admin users': adminUsers(U, '').queryKey,
  'focus timer': focusActive(U).queryKey,
  'recent focus sessions': focusSessions(U, 0, 1).queryKey,
  today: todayPlan(U).queryKey,
  'planner week': plannerEvents(U, 0, 1).queryKey,
  'today badge': taskCounts(U).queryKey,
  quests: questList(U).queryKey,
  habits: habitList(U).queryKey,
  progress: progressSummary(U, 30).queryKey,
  books: bookList(U).queryKey,
  'mood entries': moodEntries(U, 0, 1).queryKey,
};

// Which of them a `changed {scope}` must refresh, by hand from what each page shows.
const refreshes: Record<Scope, string[]> = {
  profile: ['settings profile', 'today'],
  terms: ['admin terms'],
  focus: ['focus timer', 'today'],
  plan: ['today'],
  planner: ['planner week', 'today'],
  tasks: ['today badge', 'today'],
  quests: ['quests'],
  habits: ['habits', 'today'],
  progress: ['progress', 'recent focus sessions'],
  books: ['books'],
  mood: ['mood entries', 'today', 'progress'],
  admin: ['admin terms', 'admin users'],
  devices: ['settings api keys', 'settings devices', 'settings device tokens'],
};

function changed(scopes: Scope[], extra: Partial<SseEvent> = {}): SseEvent {
  return {
    id: '1',
    channel: 'changed',
    type: 'changed',
    payload: { scope: scopes[0] },
    sourceDeviceId: 'web-other',
    timestamp: '',
    changedScopes: scopes,
    ...extra,
  };
}

function cacheOfEverything() {
  const client = new QueryClient();
  for (const key of Object.values(shown)) client.setQueryData(key, { cached: true });
  const invalidated = () =>
    Object.entries(shown)
      .filter(([, key]) => client.getQueryState(key)?.isInvalidated)
      .map(([name]) => name)
      .sort();
  return { client, invalidated };
}

describe('changed {scope}', () => {
  it('has a mapping for every scope the server knows', () => {
    expect(Object.keys(SCOPE_QUERIES).sort()).toEqual([...SCOPES].sort());
  });

  it.each(SCOPES.map((scope) => [scope]))('%s invalidates exactly the queries that show it', async (scope) => {
    const { client, invalidated } = cacheOfEverything();
    await Promise.all(nudgeChangedScopes(client, U, changed([scope])));
    expect(invalidated()).toEqual([...refreshes[scope]].sort());
  });

  it('leaves another user’s queries alone', async () => {
    const { client } = cacheOfEverything();
    client.setQueryData(profile('u2').queryKey, { cached: true });
    await Promise.all(nudgeChangedScopes(client, U, changed(['profile'])));
    expect(client.getQueryState(profile('u2').queryKey)?.isInvalidated).toBe(false);
  });

  it('skips the queries a channel handler already applied the event to', async () => {
    const { client, invalidated } = cacheOfEverything();
    const event = changed(['focus', 'progress'], { channel: 'timer', type: 'stopped' });
    markHandled(event, focusActive(U).queryKey);
    await Promise.all(nudgeChangedScopes(client, U, event));
    expect(invalidated()).toEqual(['progress', 'recent focus sessions', 'today']);
    // The mark belongs to that event only.
    await Promise.all(nudgeChangedScopes(client, U, changed(['focus'])));
    expect(invalidated()).toContain('focus timer');
  });

  it('ignores a scope it does not know', async () => {
    const { client, invalidated } = cacheOfEverything();
    await Promise.all(nudgeChangedScopes(client, U, changed(['weather' as Scope])));
    expect(invalidated()).toEqual([]);
  });
});

describe('refreshAfterResync', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-05T09:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  let syncs: QuerySync[] = [];
  afterEach(() => {
    syncs.forEach((sync) => sync.dispose());
    syncs = [];
  });

  /** Mounted contract queries (with an observer and a sync, as on a page), each fetched at `fetchedAgo` and counting its fetches. */
  async function mounted(entries: Array<{ refreshKey: RefreshKey; key: QueryKey; fetchedAgo: number; staleMs: number }>) {
    const client = new QueryClient();
    const env = testSyncEnv({ fetch: (() => Promise.reject(new Error('no server'))) as typeof fetch });
    const fetches = new Map<string, number>();
    const list: [string, MountedQuery][] = [];
    for (const e of entries) {
      const name = JSON.stringify(e.key);
      const queryHash = hashQueryKey(e.key);
      client.setQueryData(e.key, { v: 0 }, { updatedAt: Date.now() - e.fetchedAgo });
      env.lastFetch.set(e.refreshKey, queryHash, Date.now() - e.fetchedAgo);
      const observer = new QueryObserver(client, {
        queryKey: e.key,
        queryFn: async () => {
          fetches.set(name, (fetches.get(name) ?? 0) + 1);
          return { v: 1 };
        },
        staleTime: e.staleMs,
        refetchOnMount: false,
      });
      observer.subscribe(() => {});
      const refetch = () => client.refetchQueries({ queryKey: e.key, exact: true });
      const sync = new QuerySync({ env, contract: e.refreshKey, queryHash, url: name, cache: { refetch, write: () => {} } });
      sync.start(true);
      syncs.push(sync);
      list.push([queryHash, { contract: e.refreshKey, queryKey: e.key, sync }]);
    }
    await vi.advanceTimersByTimeAsync(0);
    fetches.clear();
    const count = (key: QueryKey) => fetches.get(JSON.stringify(key)) ?? 0;
    return { count, list };
  }

  const page = [
    { refreshKey: 'focus' as const, key: [...focusActive(U).queryKey], fetchedAgo: 5_000, staleMs: 30_000 },
    { refreshKey: 'planner' as const, key: [...plannerEvents(U, 0, 1).queryKey], fetchedAgo: 45_000, staleMs: 30_000 },
    { refreshKey: 'quests' as const, key: [...questList(U).queryKey], fetchedAgo: 5 * 60_000, staleMs: 60_000 },
  ];

  it('after a (re)connect refetches only the time-sensitive queries that are stale', async () => {
    const { count, list } = await mounted(page);
    refreshAfterResync(list, 'connect');
    await vi.advanceTimersByTimeAsync(0);
    expect([count(page[0].key), count(page[1].key), count(page[2].key)]).toEqual([0, 1, 0]);
  });

  it('after a server resync refetches every time-sensitive query, however fresh', async () => {
    const { count, list } = await mounted(page);
    refreshAfterResync(list, 'resync');
    await vi.advanceTimersByTimeAsync(0);
    expect([count(page[0].key), count(page[1].key), count(page[2].key)]).toEqual([1, 1, 0]);
  });
});
