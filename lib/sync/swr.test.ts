import { act, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import useSWR, { SWRConfig } from 'swr';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REFRESH_KEYS, type RefreshKey } from './contracts';
import { swrOptions } from './swr';

const S = 1000;
const M = 60 * S;

// Written out by hand from DESIGN.md's table, a row per contract: 0 = SWR's "no polling".
const COLUMNS = [
  'refreshActive',
  'refreshIdle',
  'refreshWhenHidden',
  'revalidateOnFocus',
  'focusThrottleInterval',
  'dedupingInterval',
  'revalidateOnReconnect',
  'revalidateIfStale',
] as const;
type Row = [number, number, boolean, boolean, number, number, boolean, boolean];
const TABLE: Record<RefreshKey, Row> = {
  focus: [30 * S, 30 * S, true, true, 0, 15 * S, true, true],
  'daily-plan': [0, 0, false, true, 0, 5 * M, true, true],
  planner: [30 * S, 60 * S, false, true, 0, 15 * S, true, true],
  tasks: [30 * S, 30 * S, false, true, 0, 15 * S, true, true],
  quests: [0, 0, false, true, M, M, true, true],
  habits: [0, 0, false, true, M, M, true, true],
  progress: [0, 0, false, true, M, M, true, true],
  books: [0, 0, false, true, 2 * M, 2 * M, true, true],
  mood: [0, 0, false, true, M, M, true, true],
  admin: [0, 0, false, false, 0, 0, false, false],
};

const expectedOf = (key: RefreshKey) =>
  Object.fromEntries(COLUMNS.map((column, i) => [column, TABLE[key][i]])) as Record<(typeof COLUMNS)[number], number | boolean>;

/** SWR accepts a number or a function of the data; the binding's answer in a given idle state. */
function intervalOf(key: RefreshKey, idle: boolean, scale = 1): number {
  const { refreshInterval } = swrOptions(key, { scale, isIdle: () => idle });
  return typeof refreshInterval === 'function' ? refreshInterval(undefined) : (refreshInterval ?? 0);
}

describe('swrOptions', () => {
  it.each(REFRESH_KEYS.map((key) => [key]))('maps the %s contract onto the documented SWR options', (key) => {
    const { refreshActive, refreshIdle, ...options } = expectedOf(key);
    const o = swrOptions(key, { isIdle: () => false });
    expect(intervalOf(key, false)).toBe(refreshActive);
    expect(intervalOf(key, true)).toBe(refreshIdle);
    const picked = Object.fromEntries(Object.keys(options).map((name) => [name, o[name as keyof typeof o]]));
    expect({ ...picked, refreshWhenOffline: o.refreshWhenOffline }).toEqual({ ...options, refreshWhenOffline: false });
  });

  it.each(REFRESH_KEYS.filter((key) => TABLE[key][0] > 0).map((key) => [key]))(
    'never lets deduping swallow a due poll of %s, active or idle, at any time scale',
    (key) => {
      for (const scale of [1, 0.05, 0.001]) {
        const { dedupingInterval } = swrOptions(key, { scale });
        expect(dedupingInterval!).toBeLessThan(intervalOf(key, false, scale));
        expect(dedupingInterval!).toBeLessThan(intervalOf(key, true, scale));
      }
    },
  );

  it('polls at the active interval when no idle signal is given', () => {
    const { refreshInterval } = swrOptions('planner');
    expect(typeof refreshInterval === 'function' ? refreshInterval(undefined) : refreshInterval).toBe(30 * S);
  });

  it('compresses every duration by the time scale', () => {
    const o = swrOptions('books', { scale: 0.05 });
    expect(o.focusThrottleInterval).toBe(6 * S);
    expect(o.dedupingInterval).toBe(6 * S);
    expect(intervalOf('planner', true, 0.05)).toBe(3 * S);
  });
});

describe('swrOptions under a real useSWR', () => {
  let fetches: number[];
  const fetcher = async () => {
    fetches.push(Date.now());
    return { at: Date.now() };
  };
  const wrapper = ({ children }: { children: ReactNode }) => createElement(SWRConfig, { value: { provider: () => new Map() } }, children);

  function setVisibility(state: 'visible' | 'hidden') {
    Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
    Object.defineProperty(document, 'hidden', { value: state === 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }

  async function advance(ms: number) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ms);
    });
  }

  const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-05T09:00:00Z') });
    fetches = [];
  });

  afterEach(() => {
    Reflect.deleteProperty(document, 'visibilityState');
    Reflect.deleteProperty(document, 'hidden');
    vi.useRealTimers();
  });

  it('polls the planner every 30 s and slows to 60 s once isIdle() says so', async () => {
    let idle = false;
    const options = swrOptions('planner', { isIdle: () => idle });
    renderHook(() => useSWR('/api/planner/events', fetcher, options), { wrapper });
    await advance(0);
    expect(fetches).toHaveLength(1);

    await advance(90 * S);
    expect(gaps(fetches)).toEqual([30 * S, 30 * S, 30 * S]);

    idle = true;
    const before = fetches.length;
    // The timer already running keeps its 30 s; every later one is computed idle.
    await advance(30 * S + 4 * M);
    expect(gaps(fetches.slice(before - 1))).toEqual([30 * S, 60 * S, 60 * S, 60 * S, 60 * S]);
  });

  it('stops polling the planner while the document is hidden, and catches up when it is shown', async () => {
    renderHook(() => useSWR('/api/planner/events', fetcher, swrOptions('planner')), { wrapper });
    await advance(30 * S);
    expect(fetches).toHaveLength(2);

    setVisibility('hidden');
    await advance(3 * M);
    expect(fetches).toHaveLength(2);

    setVisibility('visible');
    await advance(0);
    expect(fetches).toHaveLength(3);
    await advance(M);
    expect(fetches.length).toBeGreaterThanOrEqual(4);
  });

  it('refetches Today on focus only when its data is older than 5 minutes, however briefly the user was away', async () => {
    renderHook(() => useSWR('/api/plan/today', fetcher, swrOptions('daily-plan')), { wrapper });
    await advance(0);
    expect(fetches).toHaveLength(1);
    await advance(2 * M);
    window.dispatchEvent(new Event('focus'));
    await advance(0);
    expect(fetches).toHaveLength(1);
    await advance(4 * M);
    window.dispatchEvent(new Event('focus'));
    await advance(0);
    expect(fetches).toHaveLength(2);
    await advance(S);
    window.dispatchEvent(new Event('focus'));
    await advance(0);
    expect(fetches).toHaveLength(2);
  });

  it('keeps polling the focus timer while the document is hidden', async () => {
    renderHook(() => useSWR('/api/focus/active', fetcher, swrOptions('focus')), { wrapper });
    await advance(0);
    setVisibility('hidden');
    await advance(2 * M);
    expect(fetches).toHaveLength(5);
  });
});
