import { describe, expect, it } from 'vitest';
import { SCOPES } from '@/lib/shared/events';
import { contractFor, contracts, pollIntervalFor, QUERY_CONTRACT_KEYS, queryContracts, REFRESH_KEYS, type ContractName } from './contracts';
import { SCOPE_QUERIES } from './realtime-queries';
import { RESOURCES } from './resources/all';

const S = 1000;
const M = 60 * S;

type Row = {
  pollMs: number | null;
  livePollMs: number | null;
  down: number | null;
  staleMs: number | null;
  focus: number | null;
  ifStale: boolean;
  visible: boolean;
};

// Each query that is not a page's own, with its numbers written out by hand.
const documented: Record<(typeof QUERY_CONTRACT_KEYS)[number], Row> = {
  profile: { pollMs: null, livePollMs: null, down: 5 * M, staleMs: 5 * M, focus: 0, ifStale: true, visible: true },
  'api-keys': { pollMs: null, livePollMs: null, down: M, staleMs: M, focus: M, ifStale: false, visible: false },
  devices: { pollMs: null, livePollMs: null, down: M, staleMs: M, focus: M, ifStale: false, visible: false },
  sessions: { pollMs: null, livePollMs: null, down: M, staleMs: M, focus: M, ifStale: false, visible: false },
  'device-tokens': { pollMs: null, livePollMs: null, down: M, staleMs: M, focus: M, ifStale: false, visible: false },
  'task-counts': { pollMs: 30 * S, livePollMs: 5 * M, down: 30 * S, staleMs: 30 * S, focus: 0, ifStale: false, visible: true },
  'focus-sessions': { pollMs: null, livePollMs: null, down: M, staleMs: M, focus: M, ifStale: false, visible: false },
};

// DESIGN.md's pages and the event stream: polled pages poll whatever it does, tasks slows to a safety
// pull while it is live, and pages that rely on nudges poll at their staleness window while it is down.
const stream: Record<(typeof REFRESH_KEYS)[number], { live: number | null; down: number | null }> = {
  focus: { live: 30 * S, down: 30 * S },
  'daily-plan': { live: null, down: 5 * M },
  planner: { live: 30 * S, down: 30 * S },
  tasks: { live: 5 * M, down: 30 * S },
  quests: { live: null, down: M },
  habits: { live: null, down: M },
  progress: { live: null, down: M },
  books: { live: null, down: 2 * M },
  mood: { live: null, down: M },
  admin: { live: null, down: null },
};

describe('the contract rows of queries that are not a page', () => {
  it.each(QUERY_CONTRACT_KEYS.map((key) => [key]))('%s carries the documented numbers', (key) => {
    const c = queryContracts[key];
    expect({
      pollMs: c.pollMs,
      livePollMs: c.livePollMs,
      down: c.pollWhenRealtimeDownMs,
      staleMs: c.staleMs,
      focus: c.focusRefetchAfterMs,
      ifStale: c.focusRefetchIfStale,
      visible: c.refetchOnVisible,
    }).toEqual(documented[key]);
    expect(c.pollWhenHidden).toBe(false);
  });

  it('is keyed by name: every row knows its own name, in both tables, and no name is in both', () => {
    for (const [name, c] of [...Object.entries(contracts), ...Object.entries(queryContracts)]) {
      expect(c.refreshKey).toBe(name);
      expect(contractFor(name as ContractName)).toBe(c);
    }
    expect(REFRESH_KEYS.filter((key) => (QUERY_CONTRACT_KEYS as readonly string[]).includes(key))).toEqual([]);
    expect(Object.isFrozen(queryContracts) && QUERY_CONTRACT_KEYS.every((key) => Object.isFrozen(queryContracts[key]))).toBe(true);
  });
});

describe('the pages and the event stream', () => {
  it.each(REFRESH_KEYS.map((key) => [key]))('%s polls as documented while the stream is live and while it is down', (key) => {
    const c = contracts[key];
    expect({ live: c.livePollMs, down: c.pollWhenRealtimeDownMs }).toEqual(stream[key]);
    expect(pollIntervalFor(c, { hidden: false, idle: false, realtime: 'live' })).toBe(stream[key].live);
    expect(pollIntervalFor(c, { hidden: false, idle: false, realtime: 'down' })).toBe(stream[key].down);
  });

  it('never slows the planner below its idle interval, whatever the stream does', () => {
    expect(pollIntervalFor(contracts.planner, { hidden: false, idle: true, realtime: 'live' })).toBe(60 * S);
    expect(pollIntervalFor(contracts.planner, { hidden: false, idle: true, realtime: 'down' })).toBe(60 * S);
    expect(pollIntervalFor(contracts.habits, { hidden: true, idle: false, realtime: 'down' })).toBeNull();
  });
});

describe('the resources', () => {
  it('each names an existing contract row and at least one scope, and their prefixes start with the user', () => {
    for (const r of RESOURCES) {
      expect(contractFor(r.contract)).toBeDefined();
      expect(r.scopes.length).toBeGreaterThan(0);
      expect(r.prefix('u1')[1]).toBe('u1');
    }
  });

  it('reach every scope the server knows through SCOPE_QUERIES, which is derived from them', () => {
    for (const scope of SCOPES) {
      const prefixes = SCOPE_QUERIES[scope]('u1').map((key) => JSON.stringify(key));
      const owners = RESOURCES.filter((r) => r.scopes.includes(scope)).map((r) => JSON.stringify(r.prefix('u1')));
      expect(prefixes).toEqual(owners);
      expect(prefixes.length).toBeGreaterThan(0);
    }
  });
});
