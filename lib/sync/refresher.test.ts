import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock';
import { contracts, type RefreshKey } from './contracts';
import { Refresher, type RefreshReason } from './refresher';
import { FakeLifecycle, fakeActivity, memoryLastFetch } from './test-env';

const S = 1000;
const M = 60 * S;

function setup(key: RefreshKey, opts: { lastFetch?: number | null; enabled?: boolean; leader?: boolean } = {}) {
  const lifecycle = new FakeLifecycle();
  const lastFetch = memoryLastFetch(opts.lastFetch === undefined ? Date.now() : opts.lastFetch);
  const reasons: RefreshReason[] = [];
  const refresher = new Refresher({
    contract: contracts[key],
    clock: systemClock,
    lifecycle,
    activity: fakeActivity(),
    lastFetch,
    refresh: async (reason) => {
      reasons.push(reason);
      lastFetch.set(Date.now());
    },
  });
  if (opts.leader === false) refresher.setLeader(false);
  refresher.start(opts.enabled ?? true);
  return { refresher, lifecycle, reasons, lastFetch };
}

/** Moves fake time forward and lets the refresh promises settle. */
async function advance(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
}

/** Pointer activity every 30 s for `ms`, so the user never counts as idle. */
async function advanceActive(lifecycle: FakeLifecycle, ms: number) {
  for (let t = 0; t < ms; t += 30 * S) {
    lifecycle.emit('activity');
    await advance(Math.min(30 * S, ms - t));
  }
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-05T09:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

/** DESIGN.md's "on focus" column: "refetch", "refetch if stale", "refetch after > N min away", or none. */
type OnFocus = 'refetch' | { ifStaleMs: number } | { awayMs: number } | null;

// What each contract must do, written out by hand from DESIGN.md's table (not derived from contracts.ts).
const expected: Record<RefreshKey, { activeMs: number | null; idleMs: number | null; pollsHidden: boolean; onFocus: OnFocus; visibleStaleMs: number | null }> =
  {
    focus: { activeMs: 30 * S, idleMs: 30 * S, pollsHidden: true, onFocus: 'refetch', visibleStaleMs: 30 * S },
    'daily-plan': { activeMs: null, idleMs: null, pollsHidden: false, onFocus: { ifStaleMs: 5 * M }, visibleStaleMs: 5 * M },
    planner: { activeMs: 30 * S, idleMs: 60 * S, pollsHidden: false, onFocus: 'refetch', visibleStaleMs: 30 * S },
    tasks: { activeMs: 30 * S, idleMs: 30 * S, pollsHidden: false, onFocus: 'refetch', visibleStaleMs: 30 * S },
    quests: { activeMs: null, idleMs: null, pollsHidden: false, onFocus: { awayMs: M }, visibleStaleMs: null },
    habits: { activeMs: null, idleMs: null, pollsHidden: false, onFocus: { awayMs: M }, visibleStaleMs: null },
    progress: { activeMs: null, idleMs: null, pollsHidden: false, onFocus: { awayMs: M }, visibleStaleMs: null },
    books: { activeMs: null, idleMs: null, pollsHidden: false, onFocus: { awayMs: 2 * M }, visibleStaleMs: null },
    mood: { activeMs: null, idleMs: null, pollsHidden: false, onFocus: { awayMs: M }, visibleStaleMs: null },
    admin: { activeMs: null, idleMs: null, pollsHidden: false, onFocus: null, visibleStaleMs: null },
  };

/** Blurs, waits `awayMs`, focuses; whether that focus refetched. */
async function returnAfter(lifecycle: FakeLifecycle, reasons: RefreshReason[], awayMs: number): Promise<boolean> {
  reasons.length = 0;
  lifecycle.emit('blur');
  await advance(awayMs);
  lifecycle.emit('focus');
  await advance(0);
  return reasons.includes('focus');
}

describe.each(Object.entries(expected) as [RefreshKey, (typeof expected)[RefreshKey]][])('contract %s', (key, e) => {
  it(e.activeMs ? `polls every ${e.activeMs / S} s while the user is active` : 'never polls', async () => {
    const { reasons, lifecycle } = setup(key);
    await advanceActive(lifecycle, 4 * 60 * S);
    const polls = reasons.filter((r) => r === 'poll').length;
    expect(polls).toBe(e.activeMs ? (4 * 60 * S) / e.activeMs : 0);
  });

  if (e.idleMs) {
    it(`polls every ${e.idleMs / S} s after 5 minutes without activity`, async () => {
      const { reasons } = setup(key);
      await advance(5 * M); // goes idle at the 5-minute mark
      reasons.length = 0;
      await advance(10 * M);
      expect(reasons.length).toBe((10 * M) / e.idleMs!);
    });
  }

  it(e.pollsHidden ? 'keeps polling while the page is hidden' : 'does not poll while the page is hidden', async () => {
    const { reasons, lifecycle } = setup(key);
    lifecycle.emit('hidden');
    await advanceActive(lifecycle, 2 * M);
    expect(reasons.filter((r) => r === 'poll').length).toBe(e.pollsHidden && e.activeMs ? (2 * M) / e.activeMs : 0);
  });

  const onFocus = e.onFocus;
  if (onFocus === 'refetch') {
    it('refetches on every return to the tab, however fresh the data and however short the absence', async () => {
      const { reasons, lifecycle, refresher } = setup(key);
      expect(await returnAfter(lifecycle, reasons, 0)).toBe(true);
      refresher.markFetched(Date.now());
      expect(await returnAfter(lifecycle, reasons, S)).toBe(true);
    });
  } else if (onFocus && 'ifStaleMs' in onFocus) {
    it(`refetches on focus if the data is older than ${onFocus.ifStaleMs / M} min, however short the absence`, async () => {
      const { reasons, lifecycle } = setup(key, { lastFetch: Date.now() - onFocus.ifStaleMs + 2 * S });
      expect(await returnAfter(lifecycle, reasons, S)).toBe(false);
      expect(await returnAfter(lifecycle, reasons, S)).toBe(true);
    });

    it('does not refetch on focus while the data is fresh, however long the user was away', async () => {
      const { reasons, lifecycle, refresher } = setup(key);
      lifecycle.emit('blur');
      await advance(onFocus.ifStaleMs * 2);
      refresher.markFetched(Date.now()); // another tab fetched and relayed meanwhile
      lifecycle.emit('focus');
      await advance(0);
      expect(reasons).toEqual([]);
    });
  } else if (onFocus) {
    it(`refetches on focus after more than ${onFocus.awayMs / M} min away, not at exactly ${onFocus.awayMs / M} min`, async () => {
      const { reasons, lifecycle } = setup(key);
      expect(await returnAfter(lifecycle, reasons, onFocus.awayMs - S)).toBe(false);
      expect(await returnAfter(lifecycle, reasons, onFocus.awayMs)).toBe(false);
      expect(await returnAfter(lifecycle, reasons, onFocus.awayMs + S)).toBe(true);
    });

    it('refetches after that long away even when the data was refreshed meanwhile', async () => {
      const { reasons, lifecycle, refresher } = setup(key);
      lifecycle.emit('blur');
      await advance(onFocus.awayMs + S);
      refresher.markFetched(Date.now() - S); // another tab fetched and relayed a second ago
      lifecycle.emit('focus');
      await advance(0);
      expect(reasons).toEqual(['focus']);
    });
  } else {
    it('never refetches on focus', async () => {
      const { reasons, lifecycle } = setup(key);
      lifecycle.emit('blur');
      await advance(60 * M);
      lifecycle.emit('focus');
      await advance(0);
      expect(reasons).toEqual([]);
    });
  }

  it(e.visibleStaleMs ? 'refetches when shown again only once stale' : 'does not refetch just because the page is shown', async () => {
    const { reasons, lifecycle } = setup(key);
    lifecycle.emit('hidden');
    await advance(10 * S);
    lifecycle.emit('visible');
    await advance(0);
    expect(reasons).not.toContain('visible');
    lifecycle.emit('hidden');
    await advance(10 * M);
    reasons.length = 0;
    lifecycle.emit('visible');
    await advance(0);
    // A contract that polls while hidden is never stale when shown again: nothing to refetch.
    expect(reasons.includes('visible')).toBe(e.visibleStaleMs !== null && !e.pollsHidden);
  });

  it('does nothing at all while disabled', async () => {
    const { reasons, lifecycle } = setup(key, { enabled: false, lastFetch: 0 });
    lifecycle.emit('hidden');
    lifecycle.emit('blur');
    await advance(10 * M);
    lifecycle.emit('visible');
    lifecycle.emit('focus');
    lifecycle.emit({ type: 'pageshow', persisted: true });
    await advance(10 * M);
    expect(reasons).toEqual([]);
  });

  it('pauses everything on pagehide and, on a back/forward-cache restore, refreshes only if stale', async () => {
    const { reasons, lifecycle } = setup(key);
    lifecycle.emit('pagehide');
    await advance(S);
    lifecycle.emit({ type: 'pageshow', persisted: true });
    await advance(0);
    expect(reasons).toEqual([]);
    lifecycle.emit('pagehide');
    await advance(20 * M);
    expect(reasons).toEqual([]);
    lifecycle.emit({ type: 'pageshow', persisted: true });
    await advance(0);
    expect(reasons.includes('pageshow')).toBe(contracts[key].staleMs !== null);
  });
});

describe('Refresher mechanics', () => {
  it('after a reload inside the window, waits for the rest of the interval instead of refetching', async () => {
    const { reasons } = setup('planner', { lastFetch: Date.now() - 20 * S });
    await advance(9 * S);
    expect(reasons).toEqual([]);
    await advance(2 * S);
    expect(reasons).toEqual(['poll']);
  });

  it('polls at once when the remembered fetch is older than the interval', async () => {
    const { reasons } = setup('focus', { lastFetch: Date.now() - 45 * S });
    await advance(0);
    expect(reasons).toEqual(['poll']);
  });

  it('does not poll unless it leads, but still refetches on focus', async () => {
    const { refresher, reasons, lifecycle } = setup('focus', { leader: false });
    await advance(2 * M);
    expect(reasons).toEqual([]);
    lifecycle.emit('blur');
    lifecycle.emit('focus');
    await advance(0);
    expect(reasons).toEqual(['focus']);
    refresher.setLeader(true);
    await advance(30 * S);
    expect(reasons).toEqual(['focus', 'poll']);
  });

  it('pushes its next poll out when another tab relays fresh data', async () => {
    const { refresher, reasons } = setup('focus');
    await advance(20 * S);
    refresher.markFetched(Date.now());
    await advance(20 * S);
    expect(reasons).toEqual([]);
    await advance(10 * S);
    expect(reasons).toEqual(['poll']);
  });

  it('returns to the active interval as soon as the user is back from idle', async () => {
    const { reasons, lifecycle } = setup('planner');
    await advance(6 * M);
    reasons.length = 0;
    await advance(10 * S); // mid-way through a 60 s idle wait
    lifecycle.emit('activity');
    await advance(21 * S);
    expect(reasons).toEqual(['poll']);
  });

  it('keeps its cadence when a refresh fails', async () => {
    const lifecycle = new FakeLifecycle();
    let calls = 0;
    const refresher = new Refresher({
      contract: contracts.focus,
      clock: systemClock,
      lifecycle,
      activity: fakeActivity(),
      lastFetch: memoryLastFetch(Date.now()),
      refresh: async () => {
        calls += 1;
        throw new Error('offline');
      },
    });
    refresher.start();
    await advance(90 * S);
    expect(calls).toBe(3);
  });

  it('compresses every duration by the time scale', async () => {
    const lifecycle = new FakeLifecycle();
    let calls = 0;
    const lastFetch = memoryLastFetch(Date.now());
    new Refresher({
      contract: contracts.focus,
      clock: systemClock,
      lifecycle,
      activity: fakeActivity(),
      lastFetch,
      scale: 0.01,
      refresh: async () => {
        calls += 1;
        lastFetch.set(Date.now());
      },
    }).start();
    await advance(3 * S);
    expect(calls).toBe(10);
  });
});
