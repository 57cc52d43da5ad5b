import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REFRESH_KEYS, type RefreshKey } from '@/lib/sync/contracts';
import { FakeLockManager, memoryBus } from '@/lib/sync/test-env';
import type { RelayMessage } from '@/lib/sync/provider';
import { advance, BINDINGS, fakeServer, M, makeTab, mountWith, previousPage, S, ui, type Bus, type ProbeProps, type Server, type Tab } from './binding-harness';

// The behavioural contract suite, part 2, against both bindings: a reload inside or after the
// staleness window (sessionStorage and the last-fetch clock), and a change of user in the same tab.

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

  describe('across a reload', () => {
    it('shows the cached data at once and makes no request until the interval is due', async () => {
      await previousPage(server, sessionStorage, 'focus');
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
      await previousPage(server, sessionStorage, 'focus');
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

    if (staleMs === null) {
      it('asks the server, since reloading is the manual refresh, and a 304 keeps the remembered body', async () => {
        await previousPage(server, sessionStorage, key, url);
        await vi.advanceTimersByTimeAsync(10 * S);
        const view = mount(makeTab('a', { server, bus, session: sessionStorage }), { contract: key, url });
        await advance(S);
        expect(server.by('a').map((r) => r.ifNoneMatch)).toEqual([`"u1-${url}-v1"`]);
        expect(view.text()).toBe(`u1 ${url} v1`);
        await advance(10 * M);
        expect(server.by('a')).toHaveLength(1);
      });
      return;
    }

    it(`shows the remembered data at once and makes no request while it is under ${staleMs / S} s old`, async () => {
      await previousPage(server, sessionStorage, key, url);
      const age = staleMs / 2;
      await vi.advanceTimersByTimeAsync(age);
      const seen: string[] = [];
      const view = mount(makeTab('a', { server, bus, session: sessionStorage }), { contract: key, url, seen });
      expect(seen[0]).toBe(`u1: u1 ${url} v1`);
      await advance(staleMs - age - S);
      expect(server.by('a')).toHaveLength(0);
      expect(view.text()).toBe(`u1 ${url} v1`);
      await advance(2 * S);
      // A polling page polls once its interval since the remembered fetch is over; the others wait for a trigger.
      expect(server.by('a')).toHaveLength(pollMs !== null && pollMs <= staleMs ? 1 : 0);
    });

    it('refetches once, at once, when the reload comes after the window', async () => {
      await previousPage(server, sessionStorage, key, url);
      await vi.advanceTimersByTimeAsync(staleMs + S);
      const view = mount(makeTab('a', { server, bus, session: sessionStorage }), { contract: key, url });
      expect(view.text()).toBe(`u1 ${url} v1`);
      await advance(5 * S);
      expect(server.by('a').map((r) => [r.aborted, r.ifNoneMatch])).toEqual([[false, `"u1-${url}-v1"`]]);
    });
  });

  describe('when the user changes', () => {
    it("never shows the first user's cached data to the second user", async () => {
      const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
      const swrCache = new Map();
      const first = makeTab('a', { server, bus, userId: 'u1', session: sessionStorage, client, swrCache });
      const stillFirst = makeTab('b', { server, bus, userId: 'u1' });
      const seen: string[] = [];
      const view = render(ui(first, <binding.Probe seen={seen} />));
      await advance(S);
      mount(stillFirst);
      await advance(S);
      expect(seen.at(-1)).toBe('u1: u1 /api/focus/active v1');

      // Same tab and QueryClient, new sign-in: AppShell remounts SyncProvider with key={userId}.
      const second = makeTab('a', { server, bus, userId: 'u2', session: sessionStorage, client, swrCache });
      seen.length = 0;
      view.rerender(ui(second, <binding.Probe seen={seen} />));
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
});
