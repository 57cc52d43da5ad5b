import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, ConditionalFetcher } from './conditional-fetch';
import { lastFetchStore } from './last-fetch';
import { forgetEverything, forgetOtherUsers } from './session-store';
import { MemoryStorage } from './test-env';

const URL_ACTIVE = '/api/focus/active';

interface Seen {
  url: string;
  ifNoneMatch: string | null;
}

/** A tiny conditional-GET server: one body per URL, a version in the ETag, 304 on a match. */
function fakeServer(initial: Record<string, unknown> = { [URL_ACTIVE]: { session: null, n: 1 } }) {
  const bodies = new Map(Object.entries(initial));
  let version = 1;
  const seen: Seen[] = [];
  let failWith: { status: number; body: string } | null = null;
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    seen.push({ url, ifNoneMatch: headers.get('if-none-match') });
    if (failWith) return new Response(failWith.body, { status: failWith.status, headers: { 'Content-Type': 'application/json' } });
    const etag = `"v${version}"`;
    if (headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
    return new Response(JSON.stringify(bodies.get(url) ?? null), { status: 200, headers: { ETag: etag, 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  return {
    fetch: fetchImpl,
    seen,
    change(url: string, body: unknown) {
      bodies.set(url, body);
      version += 1;
    },
    fail(status: number, body: unknown) {
      failWith = { status, body: typeof body === 'string' ? body : JSON.stringify(body) };
    },
  };
}

/** A fetch that never answers until its signal aborts, like a stalled connection. */
function stalledFetch() {
  const signals: AbortSignal[] = [];
  const fetchImpl = ((_input: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      const signal = init!.signal!;
      signals.push(signal);
      signal.addEventListener('abort', () => reject(signal.reason));
    })) as typeof fetch;
  return { fetch: fetchImpl, signals };
}

describe('ConditionalFetcher', () => {
  it('abandons a request that gets no answer within the timeout, so polling is never stuck', async () => {
    vi.useFakeTimers();
    try {
      const stalled = stalledFetch();
      const fetcher = new ConditionalFetcher({ userId: 'u1', fetch: stalled.fetch, timeoutMs: 5_000 });
      const result = fetcher.get(URL_ACTIVE).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(4_999);
      expect(stalled.signals[0].aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const error = (await result) as DOMException;
      expect(error.name).toBe('TimeoutError');
      expect(error.message).toContain(URL_ACTIVE);
    } finally {
      vi.useRealTimers();
    }
  });

  it("passes the caller's abort through (TanStack Query cancelling a query)", async () => {
    const stalled = stalledFetch();
    const fetcher = new ConditionalFetcher({ userId: 'u1', fetch: stalled.fetch });
    const controller = new AbortController();
    const result = fetcher.get(URL_ACTIVE, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort(new DOMException('cancelled', 'AbortError'));
    expect(((await result) as DOMException).name).toBe('AbortError');
    expect(stalled.signals[0].aborted).toBe(true);
  });

  it('sends If-None-Match with the ETag of the last 200', async () => {
    const server = fakeServer();
    const fetcher = new ConditionalFetcher({ userId: 'u1', fetch: server.fetch });
    await fetcher.get(URL_ACTIVE);
    await fetcher.get(URL_ACTIVE);
    expect(server.seen).toEqual([
      { url: URL_ACTIVE, ifNoneMatch: null },
      { url: URL_ACTIVE, ifNoneMatch: '"v1"' },
    ]);
  });

  it('returns the very same object on a 304', async () => {
    const server = fakeServer();
    const fetcher = new ConditionalFetcher({ userId: 'u1', fetch: server.fetch });
    const first = await fetcher.get(URL_ACTIVE);
    const second = await fetcher.get(URL_ACTIVE);
    expect(second).toBe(first);
  });

  it('replaces the body when a 200 brings a new one', async () => {
    const server = fakeServer();
    const fetcher = new ConditionalFetcher({ userId: 'u1', fetch: server.fetch });
    const first = await fetcher.get(URL_ACTIVE);
    server.change(URL_ACTIVE, { session: { id: 's1' }, n: 2 });
    const second = await fetcher.get(URL_ACTIVE);
    expect(second).not.toBe(first);
    expect(second).toEqual({ session: { id: 's1' }, n: 2 });
    expect(await fetcher.get(URL_ACTIVE)).toBe(second);
    expect(server.seen.at(-1)?.ifNoneMatch).toBe('"v2"');
  });

  it('moves the confirmation time forward on a 304 but keeps the time the body arrived', async () => {
    let now = 1_000;
    const fetcher = new ConditionalFetcher({ userId: 'u1', fetch: fakeServer().fetch, now: () => now });
    await fetcher.get(URL_ACTIVE);
    expect(fetcher.peek(URL_ACTIVE)).toMatchObject({ at: 1_000, receivedAt: 1_000 });
    now = 31_000;
    await fetcher.get(URL_ACTIVE);
    expect(fetcher.peek(URL_ACTIVE)).toMatchObject({ at: 31_000, receivedAt: 1_000 });
  });

  it.each([
    { status: 404, body: { error: { code: 'not_found', message: 'No such session' } }, code: 'not_found', message: 'No such session' },
    { status: 401, body: { error: { code: 'unauthorized', message: 'Sign in first' } }, code: 'unauthorized', message: 'Sign in first' },
    { status: 500, body: 'upstream exploded', code: 'http_error', message: 'Request failed (500)' },
  ])('turns a $status into an ApiError with status, code and message', async ({ status, body, code, message }) => {
    const server = fakeServer();
    server.fail(status, body);
    const fetcher = new ConditionalFetcher({ userId: 'u1', fetch: server.fetch });
    const error = await fetcher.get(URL_ACTIVE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, code, message, name: 'ApiError' });
  });

  it('keeps the issues of a validation error', async () => {
    const server = fakeServer();
    const issues = [{ path: ['from'], message: 'Required' }];
    server.fail(400, { error: { code: 'validation_failed', message: 'Bad query', issues } });
    const error = await new ConditionalFetcher({ userId: 'u1', fetch: server.fetch }).get(URL_ACTIVE).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', issues });
  });

  it('persists entries so a new fetcher of the same user in the same tab peeks them and revalidates with their ETag', async () => {
    const storage = new MemoryStorage();
    const server = fakeServer();
    const before = new ConditionalFetcher({ userId: 'u1', fetch: server.fetch, storage, now: () => 5_000 });
    const body = await before.get(URL_ACTIVE);

    const afterReload = new ConditionalFetcher({ userId: 'u1', fetch: server.fetch, storage });
    const peeked = afterReload.peek(URL_ACTIVE);
    expect(peeked).toEqual({ body, at: 5_000, receivedAt: 5_000 });
    expect(server.seen).toHaveLength(1);

    const revalidated = await afterReload.get(URL_ACTIVE);
    expect(server.seen.at(-1)?.ifNoneMatch).toBe('"v1"');
    expect(revalidated).toBe(peeked!.body);
  });

  it('treats corrupt storage as nothing remembered', async () => {
    const storage = new MemoryStorage();
    storage.setItem(`pos:etag:u1:${URL_ACTIVE}`, '{not json');
    const server = fakeServer();
    const fetcher = new ConditionalFetcher({ userId: 'u1', fetch: server.fetch, storage });
    expect(fetcher.peek(URL_ACTIVE)).toBeUndefined();
    await fetcher.get(URL_ACTIVE);
    expect(server.seen[0].ifNoneMatch).toBeNull();
  });

  it('clear() drops what it holds in memory and in storage', async () => {
    const storage = new MemoryStorage();
    const server = fakeServer();
    const fetcher = new ConditionalFetcher({ userId: 'u1', fetch: server.fetch, storage });
    await fetcher.get(URL_ACTIVE);
    storage.setItem('pos:device-id', 'web-1');
    fetcher.clear();
    expect(fetcher.peek(URL_ACTIVE)).toBeUndefined();
    expect(storage.keys()).toEqual(['pos:device-id']);
    await fetcher.get(URL_ACTIVE);
    expect(server.seen.at(-1)?.ifNoneMatch).toBeNull();
  });

  it("never shows one user's entries to a fetcher of another user, even in the same storage", async () => {
    const storage = new MemoryStorage();
    const server = fakeServer({ [URL_ACTIVE]: { session: { taskTitle: 'secret of u1' } } });
    await new ConditionalFetcher({ userId: 'u1', fetch: server.fetch, storage }).get(URL_ACTIVE);

    const other = new ConditionalFetcher({ userId: 'u2', fetch: server.fetch, storage });
    expect(other.userId).toBe('u2');
    expect(other.peek(URL_ACTIVE)).toBeUndefined();
    await other.get(URL_ACTIVE);
    expect(server.seen.at(-1)?.ifNoneMatch).toBeNull();
    expect(storage.keys().sort()).toEqual([`pos:etag:u1:${URL_ACTIVE}`, `pos:etag:u2:${URL_ACTIVE}`]);
  });

  it('forgets a URL whose 200 carries no ETag', async () => {
    const storage = new MemoryStorage();
    let withEtag = true;
    const fetchImpl = (async () => new Response(JSON.stringify({ ok: true }), { status: 200, headers: withEtag ? { ETag: '"a"' } : {} })) as typeof fetch;
    const fetcher = new ConditionalFetcher({ userId: 'u1', fetch: fetchImpl, storage });
    await fetcher.get(URL_ACTIVE);
    expect(fetcher.peek(URL_ACTIVE)).toBeDefined();
    withEtag = false;
    await fetcher.get(URL_ACTIVE);
    expect(fetcher.peek(URL_ACTIVE)).toBeUndefined();
    expect(storage.length).toBe(0);
  });
});

describe('ConditionalFetcher under TanStack Query', () => {
  function wrapper(client: QueryClient) {
    return function Wrapper({ children }: { children: ReactNode }) {
      return createElement(QueryClientProvider, { client }, children);
    };
  }

  it('does not re-render a component on a 304 refetch, and does on a new body', async () => {
    const server = fakeServer({ [URL_ACTIVE]: { task: 'first' } });
    const fetcher = new ConditionalFetcher({ userId: 'u1', fetch: server.fetch });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    let renders = 0;
    function Task() {
      const { data } = useQuery({ queryKey: ['focus', 'u1', 'active'], queryFn: () => fetcher.get<{ task: string }>(URL_ACTIVE) });
      renders += 1;
      return createElement('p', null, data?.task ?? 'loading');
    }
    render(createElement(Task), { wrapper: wrapper(client) });
    await screen.findByText('first');
    const settled = renders;

    for (let i = 0; i < 3; i++) await act(() => client.refetchQueries({ queryKey: ['focus', 'u1', 'active'] }));
    expect(server.seen.map((s) => s.ifNoneMatch)).toEqual([null, '"v1"', '"v1"', '"v1"']);
    expect(renders).toBe(settled);

    server.change(URL_ACTIVE, { task: 'second' });
    await act(() => client.refetchQueries({ queryKey: ['focus', 'u1', 'active'] }));
    await screen.findByText('second');
    expect(renders).toBe(settled + 1);
  });
});

describe('session-store', () => {
  function seed(storage: Storage) {
    for (const key of [
      `pos:etag:u1:${URL_ACTIVE}`,
      `pos:etag:u2:${URL_ACTIVE}`,
      'pos:last-fetch:u1:focus:["focus","u1","active"]',
      'pos:last-fetch:u2:focus:["focus","u2","active"]',
      'pos:device-id',
      'pos:sync-time-scale',
    ]) {
      storage.setItem(key, '1');
    }
  }

  it('forgetOtherUsers keeps only the signed-in user’s entries and everything that is not ours', () => {
    const storage = new MemoryStorage();
    seed(storage);
    forgetOtherUsers(storage, 'u1');
    expect(storage.keys().sort()).toEqual([
      'pos:device-id',
      `pos:etag:u1:${URL_ACTIVE}`,
      'pos:last-fetch:u1:focus:["focus","u1","active"]',
      'pos:sync-time-scale',
    ]);
  });

  it('forgetOtherUsers does not mistake a user whose id extends another’s for the same user', () => {
    const storage = new MemoryStorage();
    storage.setItem(`pos:etag:u10:${URL_ACTIVE}`, '1');
    storage.setItem('pos:last-fetch:u10:focus:x', '1');
    forgetOtherUsers(storage, 'u1');
    expect(storage.keys()).toEqual([]);
  });

  it('forgetEverything drops every user’s ETags and fetch times but nothing else', () => {
    const storage = new MemoryStorage();
    seed(storage);
    forgetEverything(storage);
    expect(storage.keys().sort()).toEqual(['pos:device-id', 'pos:sync-time-scale']);
  });

  it('both tolerate a missing storage', () => {
    expect(() => forgetOtherUsers(null, 'u1')).not.toThrow();
    expect(() => forgetEverything(null)).not.toThrow();
  });

  it('lastFetchStore survives a reload, per user and query, and ignores garbage', () => {
    const storage = new MemoryStorage();
    lastFetchStore(storage, 'u1', 'focus', 'h').set(42_000);
    expect(lastFetchStore(storage, 'u1', 'focus', 'h').get()).toBe(42_000);
    expect(lastFetchStore(storage, 'u2', 'focus', 'h').get()).toBeNull();
    expect(lastFetchStore(storage, 'u1', 'planner', 'h').get()).toBeNull();
    storage.setItem('pos:last-fetch:u1:focus:h', 'not a number');
    expect(lastFetchStore(storage, 'u1', 'focus', 'h').get()).toBeNull();
    expect(lastFetchStore(null, 'u1', 'focus', 'h').get()).toBeNull();
  });
});

// The jsdom sessionStorage is a real Storage: the fetcher works with it as in the browser.
describe('ConditionalFetcher with the tab’s sessionStorage', () => {
  it('persists into window.sessionStorage under a per-user key', async () => {
    await new ConditionalFetcher({ userId: 'u1', fetch: fakeServer().fetch, storage: sessionStorage }).get(URL_ACTIVE);
    expect(Object.keys(sessionStorage)).toEqual([`pos:etag:u1:${URL_ACTIVE}`]);
    expect(new ConditionalFetcher({ userId: 'u1', storage: sessionStorage }).peek(URL_ACTIVE)).toBeDefined();
  });
});
