import { QueryClient, QueryObserver, type QueryKey } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SCOPES, type Scope } from '@/lib/shared/events';
import type { SseEvent } from '@/lib/shared/realtime';
import type { RefreshKey } from './contracts';
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
import { SCOPE_QUERIES, invalidateChangedScopes, markHandled, refreshAfterResync } from './realtime-queries';
import { profileKey, tasksKeys } from './tasks/queries';

const U = 'u1';

/** Every query the app shows, by the key its page uses. */
const shown: Record<string, QueryKey> = {
  'settings profile': profileKey(U),
  'settings api keys': settingsKeys.apiKeys(U),
  'settings devices': settingsKeys.devices(U),
  'settings device tokens': deviceTokenKeys.list(U),
  'admin terms': adminKeys.terms(U),
  'admin users': adminKeys.userSearch(U, ''),
  'focus timer': focusKeys.active(U),
  'recent focus sessions': focusKeys.sessions(U, 0, 1),
  today: planKeys.today(U),
  'planner week': plannerKeys.events(U, 0, 1),
  'today badge': tasksKeys.counts(U),
  quests: questKeys.list(U),
  habits: habitKeys.list(U),
  progress: progressKeys.summary(U),
  books: bookKeys.list(U),
  'mood entries': moodKeys.entries(U, 0, 1),
};

// Which of them a `changed {scope}` must refresh, by hand from what each page shows.
const refreshes: Record<Scope, string[]> = {
  profile: ['settings profile'],
  terms: ['admin terms'],
  focus: ['focus timer'],
  plan: ['today'],
  planner: ['planner week', 'today'],
  tasks: ['today badge', 'today'],
  quests: ['quests'],
  habits: ['habits', 'today'],
  progress: ['progress', 'recent focus sessions'],
  books: ['books'],
  mood: ['mood entries', 'today'],
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
    await Promise.all(invalidateChangedScopes(client, U, changed([scope])));
    expect(invalidated()).toEqual([...refreshes[scope]].sort());
  });

  it('leaves another user’s queries alone', async () => {
    const { client } = cacheOfEverything();
    client.setQueryData(profileKey('u2'), { cached: true });
    await Promise.all(invalidateChangedScopes(client, U, changed(['profile'])));
    expect(client.getQueryState(profileKey('u2'))?.isInvalidated).toBe(false);
  });

  it('skips the queries a channel handler already applied the event to', async () => {
    const { client, invalidated } = cacheOfEverything();
    const event = changed(['focus', 'progress'], { channel: 'timer', type: 'stopped' });
    markHandled(event, focusKeys.active(U));
    await Promise.all(invalidateChangedScopes(client, U, event));
    expect(invalidated()).toEqual(['progress', 'recent focus sessions']);
    // The mark belongs to that event only.
    await Promise.all(invalidateChangedScopes(client, U, changed(['focus'])));
    expect(invalidated()).toContain('focus timer');
  });

  it('ignores a scope it does not know', async () => {
    const { client, invalidated } = cacheOfEverything();
    await Promise.all(invalidateChangedScopes(client, U, changed(['weather' as Scope])));
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

  /** Mounted contract queries (with an observer, as on a page), each fetched at `fetchedAgo` and counting its fetches. */
  async function mounted(entries: Array<{ refreshKey: RefreshKey; key: QueryKey; fetchedAgo: number; staleMs: number }>) {
    const client = new QueryClient();
    const fetches = new Map<string, number>();
    for (const e of entries) {
      const name = JSON.stringify(e.key);
      client.setQueryData(e.key, { v: 0 }, { updatedAt: Date.now() - e.fetchedAgo });
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
    }
    await vi.advanceTimersByTimeAsync(0);
    fetches.clear();
    const count = (key: QueryKey) => fetches.get(JSON.stringify(key)) ?? 0;
    return { client, count, list: entries.map((e) => ({ refreshKey: e.refreshKey, queryKey: e.key })) };
  }

  const page = [
    { refreshKey: 'focus' as const, key: focusKeys.active(U), fetchedAgo: 5_000, staleMs: 30_000 },
    { refreshKey: 'planner' as const, key: plannerKeys.events(U, 0, 1), fetchedAgo: 45_000, staleMs: 30_000 },
    { refreshKey: 'quests' as const, key: questKeys.list(U), fetchedAgo: 5 * 60_000, staleMs: 60_000 },
  ];

  it('after a (re)connect refetches only the time-sensitive queries that are stale', async () => {
    const { client, count, list } = await mounted(page);
    await Promise.all(refreshAfterResync(client, list, 'connect'));
    expect([count(page[0].key), count(page[1].key), count(page[2].key)]).toEqual([0, 1, 0]);
  });

  it('after a server resync refetches every time-sensitive query, however fresh', async () => {
    const { client, count, list } = await mounted(page);
    await Promise.all(refreshAfterResync(client, list, 'resync'));
    expect([count(page[0].key), count(page[1].key), count(page[2].key)]).toEqual([1, 1, 0]);
  });
});
