import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scope } from '@/lib/shared/events';
import type { RelayMessage } from '@/lib/sync/provider';
import { habitList } from '@/lib/sync/resources/habits';
import type { SyncedResource } from '@/lib/sync/resources/resource';
import { taskCounts } from '@/lib/sync/resources/tasks';
import type { RealtimeMessage } from '@/lib/sync/sse-client';
import { FakeLockManager, fakeEventSources, memoryBus } from '@/lib/sync/test-env';
import { advance, BINDINGS, fakeServer, M, makeTab, mountWith, S, type Bus, type ProbeProps, type Server, type Tab } from './binding-harness';

// The behavioural contract suite, part 3, against both bindings: realtime. A nudge or a resync
// costs one fetch per browser, made by the query's leader tab and relayed; while the stream is
// down, pages that rely on nudges poll at their staleness window; the Today badge follows tasks.

const HABITS = '/api/habits';
const COUNTS = '/api/tasks/counts';
const habits = (userId: string) => habitList(userId) as unknown as SyncedResource<{ value: string }>;
const counts = (userId: string) => taskCounts(userId) as unknown as SyncedResource<{ value: string }>;

let server: Server;
let bus: Bus;
let sse: { bus: ReturnType<typeof memoryBus<RealtimeMessage>>; sources: ReturnType<typeof fakeEventSources> };

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-05T09:00:00Z') });
  Object.defineProperty(navigator, 'locks', { value: new FakeLockManager(), configurable: true });
  server = fakeServer();
  bus = memoryBus<RelayMessage>();
  sse = { bus: memoryBus<RealtimeMessage>(), sources: fakeEventSources() };
});

afterEach(() => {
  delete (navigator as { locks?: unknown }).locks;
  vi.useRealTimers();
});

/** Requests of `url` by every tab since `since`. */
const requestsOf = (url: string, since: number) => server.requests.filter((r) => r.url === url && r.at >= since);

describe.each(BINDINGS.map((b) => [b.name, b] as const))('the %s binding and realtime', (_name, binding) => {
  /** `n` tabs of one browser showing the probe, with the event stream open in the leader tab unless `live` is false. */
  async function browser(n: number, props: ProbeProps, { live = true } = {}) {
    const tabs: Tab[] = [];
    const views = [];
    for (let i = 0; i < n; i++) {
      const tab = makeTab(`t${i}`, { server, bus, realtime: sse });
      views.push(mountWith(binding, tab, props));
      tabs.push(tab);
      await advance(S);
    }
    if (live) act(() => sse.sources.last()!.open());
    await advance(S);
    return { tabs, views, stream: () => sse.sources.last()! };
  }

  const changed = (scopes: Scope[]) => ({ channel: 'changed', type: 'changed', changedScopes: scopes, sourceDeviceId: 'web-phone' });

  it.each([1, 3])('a change on another device costs one fetch for %i tab(s) of the browser, and every tab shows it', async (n) => {
    const { views, stream } = await browser(n, { resource: habits });
    expect(sse.sources.created).toHaveLength(1);
    const since = Date.now();
    server.change('u1');
    act(() => stream().send(changed(['habits'])));
    await advance(10 * S);
    expect(requestsOf(HABITS, since)).toHaveLength(1);
    for (const view of views) expect(view.text()).toBe(`u1 ${HABITS} v2`);
  });

  it('a change of a scope the page does not show costs nothing', async () => {
    await browser(3, { resource: habits });
    const since = Date.now();
    act(() => sse.sources.last()!.send(changed(['books'])));
    await advance(10 * S);
    expect(requestsOf(HABITS, since)).toEqual([]);
  });

  it('a server resync refetches a polling contract once for the browser, however many tabs show it', async () => {
    const { views, stream } = await browser(3, { contract: 'planner', url: '/api/planner/events' });
    const since = Date.now();
    server.change('u1');
    act(() => stream().send({ channel: 'resync', type: 'resync' }));
    await advance(5 * S);
    expect(requestsOf('/api/planner/events', since)).toHaveLength(1);
    for (const view of views) expect(view.text()).toBe('u1 /api/planner/events v2');
  });

  it('a hidden tab leaves a nudge to the tabs on screen, and answers it itself when it is shown again', async () => {
    const { tabs, views, stream } = await browser(1, { resource: habits });
    tabs[0].lifecycle.emit('hidden');
    await advance(S);
    const since = Date.now();
    server.change('u1');
    act(() => stream().send(changed(['habits'])));
    await advance(M);
    expect(requestsOf(HABITS, since)).toEqual([]);
    tabs[0].lifecycle.emit('visible');
    await advance(S);
    expect(requestsOf(HABITS, since)).toHaveLength(1);
    expect(views[0].text()).toBe(`u1 ${HABITS} v2`);
  });

  it('while the stream is down, a page that relies on nudges polls at its staleness window from one tab, and stops once it is live', async () => {
    const { views } = await browser(3, { resource: habits }, { live: false });
    let since = Date.now();
    server.change('u1');
    await advance(M);
    expect(requestsOf(HABITS, since)).toHaveLength(1);
    for (const view of views) expect(view.text()).toBe(`u1 ${HABITS} v2`);
    await advance(3 * M);
    expect(requestsOf(HABITS, since)).toHaveLength(4);

    act(() => sse.sources.last()!.open());
    since = Date.now();
    await advance(10 * M);
    expect(requestsOf(HABITS, since)).toEqual([]);
  });

  it('the Today badge polls every 30 s only while the stream is down, pulls every 5 min while it is live, and a tasks event refetches it once', async () => {
    const { stream } = await browser(3, { resource: counts }, { live: false });
    let since = Date.now();
    await advance(2 * M);
    expect(requestsOf(COUNTS, since)).toHaveLength(4);

    act(() => stream().open());
    await advance(S);
    since = Date.now();
    await advance(4 * M);
    expect(requestsOf(COUNTS, since)).toEqual([]);
    await advance(M);
    expect(requestsOf(COUNTS, since)).toHaveLength(1);

    since = Date.now();
    act(() => stream().send({ channel: 'tasks', type: 'changed', changedScopes: ['tasks'], sourceDeviceId: 'web-phone' }));
    await advance(10 * S);
    expect(requestsOf(COUNTS, since)).toHaveLength(1);
  });
});
