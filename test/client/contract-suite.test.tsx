import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeLockManager, memoryBus } from '@/lib/sync/test-env';
import type { RelayMessage } from '@/lib/sync/provider';
import {
  advance,
  BINDINGS,
  fakeServer,
  M,
  makeTab,
  mountWith,
  probeKey,
  S,
  ui,
  URL_ACTIVE,
  type Bus,
  type ProbeProps,
  type Server,
  type Tab,
} from './binding-harness';

// The behavioural contract suite, run against both bindings of the runtime: one poller per browser,
// conditional fetch and 304, hidden and idle rules, back/forward cache, cross-tab relay, reloads.

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

describe.each(BINDINGS.map((b) => [b.name, b] as const))('the %s binding', (_name, binding) => {
  const mount = (tab: Tab, props: ProbeProps = {}) => mountWith(binding, tab, props);

  describe('across tabs (focus contract)', () => {
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
      const rendered = binding.cached(a, probeKey('u1', 'focus', URL_ACTIVE));
      expect(rendered).toEqual({ value: 'u1 /api/focus/active v1' });
      const renders = seen.length;
      await advance(2 * M);
      expect(
        server
          .by('a')
          .slice(1)
          .map((r) => r.ifNoneMatch),
      ).toEqual(Array(4).fill('"u1-/api/focus/active-v1"'));
      expect(binding.cached(a, probeKey('u1', 'focus', URL_ACTIVE))).toBe(rendered);
      expect(seen).toHaveLength(renders);
    });
  });

  describe('enabled flag', () => {
    it('is silent while disabled (no polls, no focus or visibility refetch) and resumes when re-enabled', async () => {
      const tab = makeTab('a', { server, bus });
      const view = mount(tab);
      await advance(S);
      expect(server.by('a')).toHaveLength(1);

      view.rerender(ui(tab, <binding.Probe enabled={false} />));
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
      view.rerender(ui(tab, <binding.Probe enabled />));
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
      view.rerender(ui(tab, <binding.Probe enabled={false} />));
      await advance(5 * M);
      const since = Date.now();
      view.rerender(ui(tab, <binding.Probe enabled />));
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
      viewA.rerender(ui(a, <binding.Probe enabled={false} />));
      const since = Date.now();
      await advance(2 * M);
      expect(server.by('a', since)).toHaveLength(0);
      expect(server.by('b', since)).toHaveLength(4);
    });
  });

  describe('and the back/forward cache', () => {
    it('pauses on pagehide and soft-refreshes on a persisted pageshow only when stale (daily plan, 5 min)', async () => {
      const tab = makeTab('a', { server, bus });
      mount(tab, { contract: 'daily-plan', url: '/api/plan/today' });
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

  describe('on the planner contract', () => {
    it('stops polling while hidden and resumes, refreshing at once, when visible again', async () => {
      const tab = makeTab('a', { server, bus });
      const view = mount(tab, { contract: 'planner', url: '/api/planner/events' });
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
      mount(a, { contract: 'planner', url: '/api/planner/events' });
      await advance(S);
      mount(b, { contract: 'planner', url: '/api/planner/events' });
      await advance(S);
      a.lifecycle.emit('hidden');
      const since = Date.now();
      await advance(M);
      expect(server.by('a', since)).toHaveLength(0);
      expect(server.by('b', since)).toHaveLength(2);
    });
  });
});
