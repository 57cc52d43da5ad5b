import { describe, expect, it } from 'vitest';
import { IDLE_AFTER_MS, REFRESH_KEYS, contracts, pollIntervalFor, type RefreshKey, type SyncContract } from './contracts';

const S = 1000;
const M = 60 * S;

type Numbers = Pick<SyncContract, 'pollMs' | 'idlePollMs' | 'pollWhenHidden' | 'staleMs' | 'focusRefetchAfterMs' | 'focusRefetchIfStale' | 'refetchOnVisible'>;

// DESIGN.md "Web sync contracts", copied out by hand: a change to contracts.ts must change this too.
const documented: Record<RefreshKey, Numbers> = {
  focus: {
    pollMs: 30 * S,
    idlePollMs: 30 * S,
    pollWhenHidden: true,
    staleMs: 30 * S,
    focusRefetchAfterMs: 0,
    focusRefetchIfStale: false,
    refetchOnVisible: true,
  },
  'daily-plan': {
    pollMs: null,
    idlePollMs: null,
    pollWhenHidden: false,
    staleMs: 5 * M,
    focusRefetchAfterMs: 0,
    focusRefetchIfStale: true,
    refetchOnVisible: true,
  },
  planner: {
    pollMs: 30 * S,
    idlePollMs: 60 * S,
    pollWhenHidden: false,
    staleMs: 30 * S,
    focusRefetchAfterMs: 0,
    focusRefetchIfStale: false,
    refetchOnVisible: true,
  },
  tasks: {
    pollMs: 30 * S,
    idlePollMs: 30 * S,
    pollWhenHidden: false,
    staleMs: 30 * S,
    focusRefetchAfterMs: 0,
    focusRefetchIfStale: false,
    refetchOnVisible: true,
  },
  quests: { pollMs: null, idlePollMs: null, pollWhenHidden: false, staleMs: M, focusRefetchAfterMs: M, focusRefetchIfStale: false, refetchOnVisible: false },
  habits: { pollMs: null, idlePollMs: null, pollWhenHidden: false, staleMs: M, focusRefetchAfterMs: M, focusRefetchIfStale: false, refetchOnVisible: false },
  progress: { pollMs: null, idlePollMs: null, pollWhenHidden: false, staleMs: M, focusRefetchAfterMs: M, focusRefetchIfStale: false, refetchOnVisible: false },
  books: {
    pollMs: null,
    idlePollMs: null,
    pollWhenHidden: false,
    staleMs: 2 * M,
    focusRefetchAfterMs: 2 * M,
    focusRefetchIfStale: false,
    refetchOnVisible: false,
  },
  mood: { pollMs: null, idlePollMs: null, pollWhenHidden: false, staleMs: M, focusRefetchAfterMs: M, focusRefetchIfStale: false, refetchOnVisible: false },
  admin: {
    pollMs: null,
    idlePollMs: null,
    pollWhenHidden: false,
    staleMs: null,
    focusRefetchAfterMs: null,
    focusRefetchIfStale: false,
    refetchOnVisible: false,
  },
};

const STATES = [
  { hidden: false, idle: false },
  { hidden: false, idle: true },
  { hidden: true, idle: false },
  { hidden: true, idle: true },
];

describe('the sync contract table', () => {
  it('has exactly the ten refreshKeys of DESIGN.md', () => {
    expect([...REFRESH_KEYS].sort()).toEqual(['admin', 'books', 'daily-plan', 'focus', 'habits', 'mood', 'planner', 'progress', 'quests', 'tasks']);
    expect(Object.keys(contracts).sort()).toEqual([...REFRESH_KEYS].sort());
  });

  it.each(REFRESH_KEYS.map((key) => [key]))('%s carries the documented numbers', (key) => {
    const c = contracts[key];
    expect(c.refreshKey).toBe(key);
    expect({
      pollMs: c.pollMs,
      idlePollMs: c.idlePollMs,
      pollWhenHidden: c.pollWhenHidden,
      staleMs: c.staleMs,
      focusRefetchAfterMs: c.focusRefetchAfterMs,
      focusRefetchIfStale: c.focusRefetchIfStale,
      refetchOnVisible: c.refetchOnVisible,
    }).toEqual(documented[key]);
  });

  it('counts five minutes without activity as idle', () => {
    expect(IDLE_AFTER_MS).toBe(5 * M);
  });

  it('is frozen, table and rows alike', () => {
    expect(Object.isFrozen(contracts)).toBe(true);
    for (const key of REFRESH_KEYS) expect(Object.isFrozen(contracts[key])).toBe(true);
    expect(() => {
      (contracts.focus as SyncContract).pollMs = 60 * S;
    }).toThrow(TypeError);
    expect(contracts.focus.pollMs).toBe(30 * S);
  });
});

describe('pollIntervalFor', () => {
  it.each(STATES)('never lets focus poll slower than 30 s (hidden=$hidden, idle=$idle)', (state) => {
    const interval = pollIntervalFor(contracts.focus, state);
    expect(interval).not.toBeNull();
    expect(interval!).toBeLessThanOrEqual(30 * S);
  });

  it('slows the planner to 60 s when idle and stops it when hidden', () => {
    expect(pollIntervalFor(contracts.planner, { hidden: false, idle: false })).toBe(30 * S);
    expect(pollIntervalFor(contracts.planner, { hidden: false, idle: true })).toBe(60 * S);
    expect(pollIntervalFor(contracts.planner, { hidden: true, idle: false })).toBeNull();
    expect(pollIntervalFor(contracts.planner, { hidden: true, idle: true })).toBeNull();
  });

  it('keeps the tasks fallback poll at 30 s while visible and stops it when hidden', () => {
    expect(pollIntervalFor(contracts.tasks, { hidden: false, idle: true })).toBe(30 * S);
    expect(pollIntervalFor(contracts.tasks, { hidden: true, idle: false })).toBeNull();
  });

  it.each(REFRESH_KEYS.filter((key) => documented[key].pollMs === null).map((key) => [key]))('never polls %s in any state', (key) => {
    for (const state of STATES) expect(pollIntervalFor(contracts[key], state)).toBeNull();
  });
});
