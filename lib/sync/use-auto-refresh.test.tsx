import { QueryClient, QueryClientProvider, hashKey } from '@tanstack/react-query';
import { act, render, within, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock';
import { ConditionalFetcher } from './conditional-fetch';
import { REFRESH_KEYS, type RefreshKey } from './contracts';
import { ActivityTracker } from './lifecycle';
import { SyncProvider, useSyncEnv, type RelayMessage, type SyncEnv } from './provider';
import { lastFetchStore } from './session-store';
import { FakeLifecycle, FakeLockManager, MemoryStorage, memoryBus } from './test-env';
import { useSyncedQuery } from './use-auto-refresh';

const S = 1000;
const M = 60 * S;
const LATENCY = 50;
const URL_ACTIVE = '/api/focus/active';

interface ServerHit {
  tab: string;
  userId: string;
  url: string;
  ifNoneMatch: string | null;
  at: number;
  aborted: boolean;
}

/** One server for every tab: per-user bodies behind a version ETag, answered after LATENCY ms. */
function fakeServer() {
  const versions = new Map<string, number>();
  const requests: ServerHit[] = [];
  const version = (userId: string) => versions.get(userId) ?? 1;
  return {
    requests,
    change(userId: string) {
      versions.set(userId, version(userId) + 1);
    },
    fetchFor(tab: string, userId: string): typeof fetch {
      return (async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        const request: ServerHit = { tab, userId, url, ifNoneMatch: new Headers(init?.headers).get('if-none-match'), at: Date.now(), aborted: false };
        requests.push(request);
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, LATENCY);
          init?.signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            request.aborted = true;
            reject(new DOMException('aborted', 'AbortError'));
          });
        });
        const etag = `"${userId}-${url}-v${version(userId)}"`;
        if (request.ifNoneMatch === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
        return new Response(JSON.stringify({ value: `${userId} ${url} v${version(userId)}` }), { status: 200, headers: { ETag: etag } });
      }) as typeof fetch;
    },
    by(tab: string, since = 0) {
      return requests.filter((r) => r.tab === tab && r.at >= since);
    },
  };
}

type Server = ReturnType<typeof fakeServer>;
type Bus = ReturnType<typeof memoryBus<RelayMessage>>;

interface Tab {
  name: string;
  env: SyncEnv;
  lifecycle: FakeLifecycle;
  client: QueryClient;
  session: Storage;
}

function makeTab(name: string, o: { server: Server; bus: Bus; userId?: string; session?: Storage; client?: QueryClient }): Tab {
  const userId = o.userId ?? 'u1';
  const session = o.session ?? new MemoryStorage();
  const lifecycle = new FakeLifecycle();
  const env: SyncEnv = {
    userId,
    deviceId: `web-${name}`,
    fetcher: new ConditionalFetcher({ userId, fetch: o.server.fetchFor(name, userId), storage: session }),
    channel: o.bus.open(),
    clock: systemClock,
    hiddenClock: systemClock,
    lifecycle,
    activity: new ActivityTracker(systemClock, null),
    session,
    scale: 1,
    queries: new Map(),
  };
  return { name, env, lifecycle, client: o.client ?? new QueryClient({ defaultOptions: { queries: { retry: false } } }), session };
}

interface ProbeProps {
  refreshKey?: RefreshKey;
  url?: string;
  enabled?: boolean;
  /** Every value this probe ever rendered, with the user it rendered for. */
  seen?: string[];
}

function Probe({ refreshKey = 'focus', url = URL_ACTIVE, enabled = true, seen }: ProbeProps) {
  const env = useSyncEnv();
  const query = useSyncedQuery<{ value: string }>({ refreshKey, queryKey: ['probe', env.userId, refreshKey, url], url, enabled });
  const text = query.data?.value ?? 'nothing';
  seen?.push(`${env.userId}: ${text}`);
  return <output data-testid="probe">{text}</output>;
}

function ui(tab: Tab, children: ReactNode) {
  return (
    <QueryClientProvider client={tab.client}>
      <SyncProvider key={tab.env.userId} userId={tab.env.userId} env={tab.env}>
        {children}
      </SyncProvider>
    </QueryClientProvider>
  );
}

function mount(tab: Tab, props: ProbeProps = {}): RenderResult & { text: () => string } {
  const result = render(ui(tab, <Probe {...props} />));
  return Object.assign(result, { text: () => within(result.container).getByTestId('probe').textContent ?? '' });
}

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

const queryHashOf = (userId: string, refreshKey: RefreshKey, url = URL_ACTIVE) => hashKey(['probe', userId, refreshKey, url]);

let server: Server;
let bus: Bus;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-05T09:00:00Z') });
  Object.defineProperty(navigator, 'locks', { value: new FakeLockManager(), configurable: true });
  server = fakeServer();
  bus = memoryBus<RelayMessage>();
});

afterEach(() => {
  delete (navigator as { locks?: unknown }).locks;
  vi.useRealTimers();
});

describe('useSyncedQuery across tabs (focus contract)', () => {
  it('polls only in the leader tab; the follower gets the data relayed without fetching', async () => {
    const a = makeTab('a', { server, bus });
    const b = makeTab('b', { server, bus });
    const viewA = mount(a);
    await advance(S);
    const viewB = mount(b);
    await advance(S);
    expect(viewA.text()).toBe('u1 /api/focus/active v1');
    expect(viewB.text()).toBe('u1 /api/focus/active v1');

    const since = Date.now();
    await advance(2 * M);
    expect(server.by('a', since)).toHaveLength(4);
    expect(server.by('b', since)).toHaveLength(0);

    server.change('u1');
    await advance(30 * S);
    expect(server.by('b', since)).toHaveLength(0);
    expect(viewA.text()).toBe('u1 /api/focus/active v2');
    expect(viewB.text()).toBe('u1 /api/focus/active v2');
  });

  it('makes each tab fetch exactly once when it opens, then lets only the leader poll', async () => {
    const a = makeTab('a', { server, bus });
    const b = makeTab('b', { server, bus });
    mount(a);
    await advance(S);
    mount(b);
    await advance(29 * S);
    expect(server.requests.map((r) => [r.tab, r.aborted])).toEqual([
      ['a', false],
      ['b', false],
    ]);
  });

  it('hands polling to the follower within one interval when the leader tab goes away', async () => {
    const a = makeTab('a', { server, bus });
    const b = makeTab('b', { server, bus });
    const viewA = mount(a);
    await advance(S);
    const viewB = mount(b);
    await advance(45 * S);
    expect(server.by('a').length).toBeGreaterThan(1);

    viewA.unmount();
    const since = Date.now();
    await advance(30 * S);
    expect(server.by('b', since)).toHaveLength(1);
    await advance(2 * M);
    expect(server.by('b', since)).toHaveLength(5);
    expect(server.by('a', since)).toHaveLength(0);

    server.change('u1');
    await advance(30 * S);
    expect(viewB.text()).toBe('u1 /api/focus/active v2');
  });

  it('keeps a hidden leader polling the focus timer every 30 s', async () => {
    const a = makeTab('a', { server, bus });
    const b = makeTab('b', { server, bus });
    mount(a);
    await advance(S);
    mount(b);
    await advance(S);
    a.lifecycle.emit('hidden');
    const since = Date.now();
    await advance(3 * M);
    expect(server.by('a', since)).toHaveLength(6);
    expect(server.by('b', since)).toHaveLength(0);
  });

  it('revalidates with If-None-Match on every poll and does not re-render on a 304', async () => {
    const a = makeTab('a', { server, bus });
    const seen: string[] = [];
    mount(a, { seen });
    await advance(S);
    const rendered = a.client.getQueryData(['probe', 'u1', 'focus', URL_ACTIVE]);
    const renders = seen.length;
    await advance(2 * M);
    expect(
      server
        .by('a')
        .slice(1)
        .map((r) => r.ifNoneMatch),
    ).toEqual(Array(4).fill('"u1-/api/focus/active-v1"'));
    expect(a.client.getQueryData(['probe', 'u1', 'focus', URL_ACTIVE])).toBe(rendered);
    expect(seen).toHaveLength(renders);
  });
});

describe('useSyncedQuery enabled flag', () => {
  it('is silent while disabled (no polls, no focus or visibility refetch) and resumes when re-enabled', async () => {
    const tab = makeTab('a', { server, bus });
    const view = mount(tab);
    await advance(S);
    expect(server.by('a')).toHaveLength(1);

    view.rerender(ui(tab, <Probe enabled={false} />));
    const since = Date.now();
    await advance(2 * M);
    tab.lifecycle.emit('blur');
    tab.lifecycle.emit('hidden');
    await advance(3 * M);
    tab.lifecycle.emit('visible');
    tab.lifecycle.emit('focus');
    tab.lifecycle.emit({ type: 'pageshow', persisted: true });
    await advance(M);
    expect(server.by('a', since)).toHaveLength(0);
    expect(view.text()).toBe('u1 /api/focus/active v1');

    server.change('u1');
    view.rerender(ui(tab, <Probe enabled />));
    await advance(S);
    expect(view.text()).toBe('u1 /api/focus/active v2');
    const resumed = Date.now();
    await advance(2 * M);
    expect(server.by('a', resumed)).toHaveLength(4);
  });

  it('re-enabling with stale data fetches once, not twice', async () => {
    const tab = makeTab('a', { server, bus });
    const view = mount(tab);
    await advance(S);
    view.rerender(ui(tab, <Probe enabled={false} />));
    await advance(5 * M);
    const since = Date.now();
    view.rerender(ui(tab, <Probe enabled />));
    await advance(10 * S);
    expect(server.by('a', since).map((r) => r.aborted)).toEqual([false]);
  });

  it('keeps a disabled tab out of the election so another tab polls', async () => {
    const a = makeTab('a', { server, bus });
    const b = makeTab('b', { server, bus });
    const viewA = mount(a);
    await advance(S);
    mount(b);
    await advance(S);
    viewA.rerender(ui(a, <Probe enabled={false} />));
    const since = Date.now();
    await advance(2 * M);
    expect(server.by('a', since)).toHaveLength(0);
    expect(server.by('b', since)).toHaveLength(4);
  });
});

describe('useSyncedQuery across a reload', () => {
  async function previousPage(session: Storage, fetchedAt: number) {
    const fetcher = new ConditionalFetcher({ userId: 'u1', fetch: server.fetchFor('previous page', 'u1'), storage: session });
    const done = fetcher.get(URL_ACTIVE);
    await vi.advanceTimersByTimeAsync(LATENCY);
    await done;
    lastFetchStore(session, 'u1', 'focus', queryHashOf('u1', 'focus')).set(fetchedAt);
  }

  it('shows the cached data at once and makes no request until the interval is due', async () => {
    await previousPage(sessionStorage, Date.now());
    await vi.advanceTimersByTimeAsync(10 * S);

    const tab = makeTab('a', { server, bus, session: sessionStorage });
    const seen: string[] = [];
    const view = mount(tab, { seen });
    expect(seen[0]).toBe('u1: u1 /api/focus/active v1');
    await advance(19 * S);
    expect(server.by('a')).toHaveLength(0);
    expect(view.text()).toBe('u1 /api/focus/active v1');
    await advance(2 * S);
    expect(server.by('a')).toHaveLength(1);
    expect(server.by('a')[0].ifNoneMatch).toBe('"u1-/api/focus/active-v1"');
  });

  it('refetches once, at once, when the reload comes after the window', async () => {
    await previousPage(sessionStorage, Date.now());
    await vi.advanceTimersByTimeAsync(45 * S);

    const tab = makeTab('a', { server, bus, session: sessionStorage });
    const view = mount(tab);
    expect(view.text()).toBe('u1 /api/focus/active v1');
    await advance(5 * S);
    expect(server.by('a').map((r) => r.aborted)).toEqual([false]);
  });
});

// DESIGN.md's staleness window and poll interval per page, written out by hand (admin: manual refresh only).
const windows: Record<RefreshKey, { staleMs: number | null; pollMs: number | null }> = {
  focus: { staleMs: 30 * S, pollMs: 30 * S },
  'daily-plan': { staleMs: 5 * M, pollMs: null },
  planner: { staleMs: 30 * S, pollMs: 30 * S },
  tasks: { staleMs: 30 * S, pollMs: 30 * S },
  quests: { staleMs: M, pollMs: null },
  habits: { staleMs: M, pollMs: null },
  progress: { staleMs: M, pollMs: null },
  books: { staleMs: 2 * M, pollMs: null },
  mood: { staleMs: M, pollMs: null },
  admin: { staleMs: null, pollMs: null },
};

describe.each(REFRESH_KEYS.map((key) => [key] as const))('a reload of the %s page', (key) => {
  const url = `/api/reload-test/${key}`;
  const { staleMs, pollMs } = windows[key];

  /** The page before the reload fetched `url` in this tab and remembered when. */
  async function previousPage() {
    const fetcher = new ConditionalFetcher({ userId: 'u1', fetch: server.fetchFor('previous page', 'u1'), storage: sessionStorage });
    const done = fetcher.get(url);
    await vi.advanceTimersByTimeAsync(LATENCY);
    await done;
    lastFetchStore(sessionStorage, 'u1', key, queryHashOf('u1', key, url)).set(Date.now());
  }

  if (staleMs === null) {
    it('asks the server, since reloading is the manual refresh, and a 304 keeps the remembered body', async () => {
      await previousPage();
      await vi.advanceTimersByTimeAsync(10 * S);
      const view = mount(makeTab('a', { server, bus, session: sessionStorage }), { refreshKey: key, url });
      await advance(S);
      expect(server.by('a').map((r) => r.ifNoneMatch)).toEqual([`"u1-${url}-v1"`]);
      expect(view.text()).toBe(`u1 ${url} v1`);
      await advance(10 * M);
      expect(server.by('a')).toHaveLength(1);
    });
    return;
  }

  it(`shows the remembered data at once and makes no request while it is under ${staleMs / S} s old`, async () => {
    await previousPage();
    const age = staleMs / 2;
    await vi.advanceTimersByTimeAsync(age);
    const seen: string[] = [];
    const view = mount(makeTab('a', { server, bus, session: sessionStorage }), { refreshKey: key, url, seen });
    expect(seen[0]).toBe(`u1: u1 ${url} v1`);
    await advance(staleMs - age - S);
    expect(server.by('a')).toHaveLength(0);
    expect(view.text()).toBe(`u1 ${url} v1`);
    await advance(2 * S);
    // A polling page polls once its interval since the remembered fetch is over; the others wait for a trigger.
    expect(server.by('a')).toHaveLength(pollMs !== null && pollMs <= staleMs ? 1 : 0);
  });

  it('refetches once, at once, when the reload comes after the window', async () => {
    await previousPage();
    await vi.advanceTimersByTimeAsync(staleMs + S);
    const view = mount(makeTab('a', { server, bus, session: sessionStorage }), { refreshKey: key, url });
    expect(view.text()).toBe(`u1 ${url} v1`);
    await advance(5 * S);
    expect(server.by('a').map((r) => [r.aborted, r.ifNoneMatch])).toEqual([[false, `"u1-${url}-v1"`]]);
  });
});

describe('useSyncedQuery when the user changes', () => {
  it("never shows the first user's cached data to the second user", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const first = makeTab('a', { server, bus, userId: 'u1', session: sessionStorage, client });
    const stillFirst = makeTab('b', { server, bus, userId: 'u1' });
    const seen: string[] = [];
    const view = render(ui(first, <Probe seen={seen} />));
    await advance(S);
    mount(stillFirst);
    await advance(S);
    expect(seen.at(-1)).toBe('u1: u1 /api/focus/active v1');

    // Same tab and QueryClient, new sign-in: AppShell remounts SyncProvider with key={userId}.
    const second = makeTab('a', { server, bus, userId: 'u2', session: sessionStorage, client });
    seen.length = 0;
    view.rerender(ui(second, <Probe seen={seen} />));
    await advance(S);
    expect(seen.at(-1)).toBe('u2: u2 /api/focus/active v1');

    // The other tab, still signed in as u1, keeps relaying u1's polls on the shared channel.
    server.change('u1');
    await advance(2 * M);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((line) => line.includes('u1'))).toEqual([]);
    expect(Object.keys(sessionStorage).filter((k) => k.includes('u1'))).toEqual([]);
  });
});

describe('useSyncedQuery and the back/forward cache', () => {
  it('pauses on pagehide and soft-refreshes on a persisted pageshow only when stale (daily plan, 5 min)', async () => {
    const tab = makeTab('a', { server, bus });
    mount(tab, { refreshKey: 'daily-plan', url: '/api/plan/today' });
    await advance(S);
    expect(server.by('a')).toHaveLength(1);

    tab.lifecycle.emit('pagehide');
    await advance(M);
    tab.lifecycle.emit({ type: 'pageshow', persisted: true });
    await advance(S);
    expect(server.by('a')).toHaveLength(1);

    tab.lifecycle.emit('pagehide');
    await advance(5 * M);
    expect(server.by('a')).toHaveLength(1);
    tab.lifecycle.emit({ type: 'pageshow', persisted: true });
    await advance(S);
    expect(server.by('a')).toHaveLength(2);
  });

  it('stops the focus poll while in the cache and resumes on restore, refreshing at once when stale', async () => {
    const tab = makeTab('a', { server, bus });
    const view = mount(tab);
    await advance(S);
    tab.lifecycle.emit('pagehide');
    const since = Date.now();
    await advance(3 * M);
    expect(server.by('a', since)).toHaveLength(0);

    server.change('u1');
    tab.lifecycle.emit({ type: 'pageshow', persisted: true });
    await advance(S);
    expect(server.by('a', since)).toHaveLength(1);
    expect(view.text()).toBe('u1 /api/focus/active v2');
    await advance(M);
    expect(server.by('a', since)).toHaveLength(3);
  });

  it('after a short stay in the cache, waits for the interval instead of refreshing', async () => {
    const tab = makeTab('a', { server, bus });
    mount(tab);
    await advance(S);
    tab.lifecycle.emit('pagehide');
    await advance(10 * S);
    const since = Date.now();
    tab.lifecycle.emit({ type: 'pageshow', persisted: true });
    await advance(18 * S);
    expect(server.by('a', since)).toHaveLength(0);
    await advance(2 * S);
    expect(server.by('a', since)).toHaveLength(1);
  });

  it('lets another tab lead while this one sits in the cache', async () => {
    const a = makeTab('a', { server, bus });
    const b = makeTab('b', { server, bus });
    mount(a);
    await advance(S);
    mount(b);
    await advance(S);
    a.lifecycle.emit('pagehide');
    const since = Date.now();
    await advance(M);
    expect(server.by('b', since)).toHaveLength(2);
  });
});

describe('useSyncedQuery on the planner contract', () => {
  it('stops polling while hidden and resumes, refreshing at once, when visible again', async () => {
    const tab = makeTab('a', { server, bus });
    const view = mount(tab, { refreshKey: 'planner', url: '/api/planner/events' });
    await advance(S);
    let since = Date.now();
    await advance(M);
    expect(server.by('a', since)).toHaveLength(2);

    tab.lifecycle.emit('hidden');
    since = Date.now();
    await advance(2 * M);
    expect(server.by('a', since)).toHaveLength(0);

    server.change('u1');
    tab.lifecycle.emit('visible');
    await advance(S);
    expect(server.by('a', since)).toHaveLength(1);
    expect(view.text()).toBe('u1 /api/planner/events v2');
    tab.lifecycle.emit('activity');
    since = Date.now();
    await advance(M);
    expect(server.by('a', since)).toHaveLength(2);
  });

  it('passes the lead to a visible tab while the leader is hidden', async () => {
    const a = makeTab('a', { server, bus });
    const b = makeTab('b', { server, bus });
    mount(a, { refreshKey: 'planner', url: '/api/planner/events' });
    await advance(S);
    mount(b, { refreshKey: 'planner', url: '/api/planner/events' });
    await advance(S);
    a.lifecycle.emit('hidden');
    const since = Date.now();
    await advance(M);
    expect(server.by('a', since)).toHaveLength(0);
    expect(server.by('b', since)).toHaveLength(2);
  });
});
