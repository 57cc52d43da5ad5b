import { QueryClient, QueryClientProvider, hashKey } from '@tanstack/react-query';
import { act, render, within } from '@testing-library/react';
import { useEffect, useState, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FocusActive, FocusSessionView } from '@/lib/shared/focus';
import type { TimerEventPayload } from '@/lib/shared/realtime';
import { runningSession as sessionFixture } from '@/test/fixtures/focus-session';
import { ConditionalFetcher } from '../conditional-fetch';
import { SyncProvider, type RelayMessage, type SyncEnv } from '../provider';
import { focusActive, FOCUS_ACTIVE_URL } from '../resources/focus';
import { RealtimeProvider } from '../realtime';
import { lastFetchStore } from '../last-fetch';
import type { RealtimeClient } from '../sse-client';
import { memoryBus, MemoryStorage, testRealtime, testSyncEnv } from '../test-env';
import { FocusStateProvider, useFocusState, type FocusState } from './FocusStateContext';

const S = 1000;
const M = 60 * S;
const LATENCY = 50;
/** The server's clock runs this far ahead of the browser's. */
const SKEW = 5 * S;

/** /api/focus/active behind a version ETag, answered LATENCY ms later with the server's clock. */
function focusServer() {
  let session: FocusSessionView | null = null;
  let version = 1;
  const requests: { at: number; ifNoneMatch: string | null }[] = [];
  const fetchImpl = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const ifNoneMatch = new Headers(init?.headers).get('if-none-match');
    requests.push({ at: Date.now(), ifNoneMatch });
    await new Promise((resolve) => setTimeout(resolve, LATENCY));
    const etag = `"focus-v${version}"`;
    if (ifNoneMatch === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
    const body: FocusActive = { session, serverTime: Date.now() + SKEW };
    return new Response(JSON.stringify(body), { status: 200, headers: { ETag: etag } });
  }) as typeof fetch;
  return {
    fetch: fetchImpl,
    requests,
    set(next: FocusSessionView | null) {
      session = next;
      version += 1;
    },
  };
}

type Server = ReturnType<typeof focusServer>;

function runningSession(over: Partial<FocusSessionView> = {}): FocusSessionView {
  return sessionFixture(Date.now() + SKEW - M, { deviceId: 'web-other', ...over });
}

function timerPayload(session: FocusSessionView): TimerEventPayload {
  return {
    ...session,
    memoId: session.id,
    plannedEndTime: session.startedAt + session.plannedMinutes * M,
    pomodoroState: null,
    deviceName: 'Chrome on macOS',
    serverTime: Date.now() + SKEW,
  };
}

let state: { current: FocusState | null };

function Probe() {
  const focus = useFocusState();
  useEffect(() => {
    state.current = focus;
  });
  return <output data-testid="session">{focus.session ? `${focus.session.id} ${focus.session.status}` : 'none'}</output>;
}

/** Reads the server clock in its first render, as a countdown's first paint does. */
function FirstPaint() {
  const { serverNow } = useFocusState();
  const [offset] = useState(() => serverNow() - Date.now());
  return <output data-testid="first-paint-offset">{offset}</output>;
}

function ui(env: SyncEnv, client: QueryClient, realtime: RealtimeClient | null, children: ReactNode = <Probe />) {
  const inner = <FocusStateProvider>{children}</FocusStateProvider>;
  return (
    <QueryClientProvider client={client}>
      <SyncProvider userId={env.userId} env={env}>
        {realtime ? <RealtimeProvider realtime={realtime}>{inner}</RealtimeProvider> : inner}
      </SyncProvider>
    </QueryClientProvider>
  );
}

function mount(env: SyncEnv, realtime: RealtimeClient | null = null) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    ui(
      env,
      client,
      realtime,
      <>
        <Probe />
        <FirstPaint />
      </>,
    ),
  );
  return {
    client,
    text: () => within(view.container).getByTestId('session').textContent,
    firstPaintOffset: () => Number(within(view.container).getByTestId('first-paint-offset').textContent),
  };
}

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/** How far ahead of Date.now() the provider believes the server clock to be. */
const believedOffset = () => state.current!.serverNow() - Date.now();

let server: Server;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-05T09:00:00Z') });
  server = focusServer();
  state = { current: null };
});

afterEach(() => {
  vi.useRealTimers();
});

describe('FocusStateProvider server clock', () => {
  /** The page before the reload: one 200, then a 304 every 30 s for `pollFor`; the last one `sinceLast` ago. */
  async function previousPage(session: Storage, pollFor: number, sinceLast: number) {
    const fetcher = new ConditionalFetcher({ userId: 'u1', fetch: server.fetch, storage: session });
    const last = lastFetchStore(session, 'u1', 'focus', hashKey(focusActive('u1').queryKey));
    for (let t = 0; t <= pollFor; t += 30 * S) {
      const done = fetcher.get(FOCUS_ACTIVE_URL);
      await vi.advanceTimersByTimeAsync(LATENCY);
      await done;
      last.set(Date.now());
      if (t < pollFor) await vi.advanceTimersByTimeAsync(30 * S - LATENCY);
    }
    await vi.advanceTimersByTimeAsync(sinceLast);
  }

  it('learns the offset from a fresh body', async () => {
    server.set(runningSession());
    mount(testSyncEnv({ fetch: server.fetch }));
    await advance(S);
    expect(believedOffset()).toBe(SKEW);
  });

  it('after a reload within 2 s of a 304, does not count the remembered body’s 10-minute age as clock offset', async () => {
    server.set(runningSession());
    const session = new MemoryStorage();
    await previousPage(session, 10 * M, S);

    const before = server.requests.length;
    const { firstPaintOffset } = mount(testSyncEnv({ fetch: server.fetch, session }));
    expect(firstPaintOffset()).toBe(SKEW);
    await advance(0);
    expect(server.requests).toHaveLength(before);
    expect(believedOffset()).toBe(SKEW);

    await advance(M); // two more polls, both 304
    expect(believedOffset()).toBe(SKEW);
  });

  it('after a reload long after the last 304, still knows the offset measured when the body arrived', async () => {
    server.set(runningSession());
    const session = new MemoryStorage();
    await previousPage(session, 10 * M, 10 * S);

    mount(testSyncEnv({ fetch: server.fetch, session }));
    await advance(0);
    expect(believedOffset()).toBe(SKEW);
    await advance(M);
    expect(believedOffset()).toBe(SKEW);
  });

  it('never believes the server clock earlier than a time it has reported, and moves on from there', async () => {
    const { client } = mount(testSyncEnv({ fetch: server.fetch }));
    await advance(S);
    // A write's answer, built 300 ms after what the offset measured on the last poll makes of now.
    const ahead = Date.now() + SKEW + 300;
    client.setQueryData<FocusActive>(focusActive('u1').queryKey, { session: runningSession(), serverTime: ahead });
    await advance(0);
    expect(state.current!.serverNow()).toBe(ahead);
    await advance(S);
    expect(believedOffset()).toBe(SKEW);
  });

  it('keeps the offset when another tab relays an old body with a fresh fetch time', async () => {
    const bus = memoryBus<RelayMessage>();
    const env = testSyncEnv({ fetch: server.fetch, channel: bus.open() });
    const { client } = mount(env);
    await advance(S);
    const other = bus.open();
    const stale: FocusActive = { session: runningSession(), serverTime: Date.now() + SKEW - 10 * M };
    other.post({ kind: 'data', userId: 'u1', queryHash: hashKey(focusActive('u1').queryKey), data: stale, at: Date.now() });
    await advance(0);
    expect(client.getQueryData(focusActive('u1').queryKey)).toEqual(stale);
    expect(believedOffset()).toBe(SKEW);
  });
});

describe('FocusStateProvider and other tabs', () => {
  it('refetches when another tab writes a different paused state, and ignores a corrupt or identical one', async () => {
    server.set(runningSession());
    const { text } = mount(testSyncEnv({ fetch: server.fetch }));
    await advance(S);
    const key = 'pos:focus-paused:u1';
    const before = server.requests.length;

    // jsdom reports an exception thrown in a listener as an `error` event on the window.
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => {
      errors.push(e.error);
      e.preventDefault();
    };
    window.addEventListener('error', onError);
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: '{not json' }));
    window.removeEventListener('error', onError);
    expect(errors).toEqual([]);
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: JSON.stringify({ id: 's1', pausedAt: null, status: 'running' }) }));
    await advance(S);
    expect(server.requests).toHaveLength(before);

    const pausedAt = Date.now() + SKEW;
    server.set(runningSession({ status: 'paused', pausedAt }));
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: JSON.stringify({ id: 's1', pausedAt, status: 'paused' }) }));
    await advance(S);
    expect(server.requests).toHaveLength(before + 1);
    expect(text()).toBe('s1 paused');
  });
});

describe('FocusStateProvider and timer events', () => {
  async function live() {
    const env = testSyncEnv({ fetch: server.fetch });
    const { realtime, sources } = testRealtime(env);
    const view = mount(env, realtime);
    await advance(S);
    act(() => sources.last()!.open());
    await advance(S);
    return { ...view, source: sources.last()!, requestsBefore: server.requests.length };
  }

  it('applies started, updated and stopped from their payloads without a request', async () => {
    const { client, text, source, requestsBefore } = await live();
    expect(text()).toBe('none');

    const session = runningSession();
    act(() => source.send({ channel: 'timer', type: 'started', payload: timerPayload(session), changedScopes: ['focus'] }));
    await advance(0);
    expect(text()).toBe('s1 running');
    expect(client.getQueryData(focusActive('u1').queryKey)).toEqual({ session, serverTime: Date.now() + SKEW });

    const paused = { ...session, status: 'paused' as const, pausedAt: Date.now() + SKEW };
    act(() => source.send({ channel: 'timer', type: 'updated', payload: timerPayload(paused), changedScopes: ['focus'] }));
    await advance(0);
    expect(text()).toBe('s1 paused');

    act(() =>
      source.send({
        channel: 'timer',
        type: 'stopped',
        payload: { id: 's1', completed: true, serverTime: Date.now() + SKEW },
        changedScopes: ['focus', 'progress'],
      }),
    );
    await advance(0);
    expect(text()).toBe('none');

    await advance(10 * S);
    expect(server.requests).toHaveLength(requestsBefore);
    expect(believedOffset()).toBe(SKEW);
  });

  it('refetches once, not twice, when the throttle merged several changes into the event', async () => {
    const { text, source, requestsBefore } = await live();
    const session = runningSession();
    server.set(session);
    act(() =>
      source.send({
        channel: 'timer',
        type: 'updated',
        payload: timerPayload({ ...session, status: 'paused', pausedAt: 1 }),
        changedScopes: ['focus'],
        merged: 3,
      }),
    );
    expect(text()).toBe('none');
    await advance(S);
    expect(server.requests).toHaveLength(requestsBefore + 1);
    expect(text()).toBe('s1 running');
  });

  it.each([
    ['an unknown type', { channel: 'timer', type: 'exploded', payload: { serverTime: 1 } }],
    ['a payload without the session view', { channel: 'timer', type: 'started', payload: { memoId: 's1', serverTime: Date.now() } }],
    ['no payload', { channel: 'timer', type: 'updated', payload: null }],
  ] as const)('refetches on %s', async (_name, event) => {
    const { text, source, requestsBefore } = await live();
    server.set(runningSession());
    act(() => source.send({ ...event, changedScopes: ['focus'] }));
    await advance(S);
    expect(server.requests).toHaveLength(requestsBefore + 1);
    expect(text()).toBe('s1 running');
  });
});
