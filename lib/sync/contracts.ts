/**
 * The web sync contracts of DESIGN.md ("Web sync contracts", seed 001) as data, one row per name.
 * Pages name a contract and never hard-code an interval; the admin page renders both tables read-only,
 * with each row's page and freshness source in words from `contract-words.ts` (only it loads them).
 */

/** The pages of DESIGN.md's table. */
export const REFRESH_KEYS = ['focus', 'daily-plan', 'planner', 'tasks', 'quests', 'habits', 'progress', 'books', 'mood', 'admin'] as const;
export type RefreshKey = (typeof REFRESH_KEYS)[number];

/** Queries shown on a page whose contract does not describe them (Settings, the shell, /focus's history). */
export const QUERY_CONTRACT_KEYS = ['profile', 'api-keys', 'devices', 'sessions', 'device-tokens', 'task-counts', 'focus-sessions'] as const;
export type QueryContractKey = (typeof QUERY_CONTRACT_KEYS)[number];

export type ContractName = RefreshKey | QueryContractKey;

export interface SyncContract {
  refreshKey: ContractName;
  /** Poll interval while the user is active; null = no polling of its own. */
  pollMs: number | null;
  /** Poll interval after IDLE_AFTER_MS without pointer/keyboard activity. */
  idlePollMs: number | null;
  /** While the event stream is live, poll at this instead (the nudges make it fresh in between); null = nudges only. */
  livePollMs: number | null;
  /** While the event stream is down, poll at this (one leader per browser); null = no fallback. */
  pollWhenRealtimeDownMs: number | null;
  /** Keep polling while the page is hidden (the focus timer must stay accurate). */
  pollWhenHidden: boolean;
  /** Data may be at most this old while the page is in use; null = no promise (manual refresh). */
  staleMs: number | null;
  /** On window focus, refetch after more than this long away (0: on every return); null = never on focus. */
  focusRefetchAfterMs: number | null;
  /** On window focus, refetch only if the data is older than staleMs, however briefly the user was away. */
  focusRefetchIfStale: boolean;
  /** When the page becomes visible again, refetch if the data is older than staleMs. */
  refetchOnVisible: boolean;
}

type Row = Omit<SyncContract, 'refreshKey'>;

/** "No recent activity" for the idle interval (seed 001: planner may slow to 60 s). */
export const IDLE_AFTER_MS = 5 * 60_000;

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * A page that fetches on mount and is kept fresh by nudges: no poll while the stream is live, and
 * a poll at its staleness window while it is down (DESIGN.md "Realtime"); focus after `awayMs` away.
 */
function nudged(staleMs: number, awayMs: number): Row {
  const onFocus = { focusRefetchAfterMs: awayMs, focusRefetchIfStale: false, refetchOnVisible: false };
  return { pollMs: null, idlePollMs: null, livePollMs: null, pollWhenRealtimeDownMs: staleMs, pollWhenHidden: false, staleMs, ...onFocus };
}

/** Like `nudged`, but focus and a return to the tab refetch whenever the data is older than the window. */
function nudgedIfStale(staleMs: number): Row {
  return { ...nudged(staleMs, 0), focusRefetchIfStale: true, refetchOnVisible: true };
}

/** The tasks contract: a 30 s poll without the stream, a 5 min safety pull with it, a pull on every return. */
function tasksLike(): Row {
  const onReturn = { focusRefetchAfterMs: 0, focusRefetchIfStale: false, refetchOnVisible: true };
  return {
    pollMs: 30 * SECOND,
    idlePollMs: 30 * SECOND,
    livePollMs: 5 * MINUTE,
    pollWhenRealtimeDownMs: 30 * SECOND,
    ...onReturn,
    pollWhenHidden: false,
    staleMs: 30 * SECOND,
  };
}

const pages: Record<RefreshKey, Row> = {
  focus: {
    pollMs: 30 * SECOND,
    idlePollMs: 30 * SECOND,
    livePollMs: 30 * SECOND,
    pollWhenRealtimeDownMs: 30 * SECOND,
    pollWhenHidden: true,
    staleMs: 30 * SECOND,
    focusRefetchAfterMs: 0,
    focusRefetchIfStale: false,
    refetchOnVisible: true,
  },
  'daily-plan': nudgedIfStale(5 * MINUTE),
  planner: {
    pollMs: 30 * SECOND,
    idlePollMs: 60 * SECOND,
    livePollMs: 30 * SECOND,
    pollWhenRealtimeDownMs: 30 * SECOND,
    pollWhenHidden: false,
    staleMs: 30 * SECOND,
    focusRefetchAfterMs: 0,
    focusRefetchIfStale: false,
    refetchOnVisible: true,
  },
  tasks: tasksLike(),
  quests: nudged(MINUTE, MINUTE),
  habits: nudged(MINUTE, MINUTE),
  progress: nudged(MINUTE, MINUTE),
  books: nudged(2 * MINUTE, 2 * MINUTE),
  mood: nudged(MINUTE, MINUTE),
  admin: {
    pollMs: null,
    idlePollMs: null,
    livePollMs: null,
    pollWhenRealtimeDownMs: null,
    pollWhenHidden: false,
    staleMs: null,
    focusRefetchAfterMs: null,
    focusRefetchIfStale: false,
    refetchOnVisible: false,
  },
};

const queries: Record<QueryContractKey, Row> = {
  // Decides which day "today" is for Tasks and Today, and changes about as rarely as the plan.
  profile: nudgedIfStale(5 * MINUTE),
  'api-keys': nudged(MINUTE, MINUTE),
  // "Last seen" is kept to the minute and "connected now" moves without a write: a minute away refetches.
  devices: nudged(MINUTE, MINUTE),
  // "Last seen" is kept to the minute; a session signed in or out elsewhere nudges the devices scope.
  sessions: nudged(MINUTE, MINUTE),
  'device-tokens': nudged(MINUTE, MINUTE),
  'task-counts': tasksLike(),
  'focus-sessions': nudged(MINUTE, MINUTE),
};

function freeze<K extends ContractName>(rows: Record<K, Row>): Readonly<Record<K, Readonly<SyncContract>>> {
  const named = Object.entries<Row>(rows).map(([refreshKey, row]) => [refreshKey, Object.freeze({ refreshKey, ...row })]);
  return Object.freeze(Object.fromEntries(named)) as Record<K, SyncContract>;
}

/** DESIGN.md's table: one row per page. */
export const contracts = freeze(pages);

/** One row per query that is not a page's own. */
export const queryContracts = freeze(queries);

export function contractFor(name: ContractName): Readonly<SyncContract> {
  return name in contracts ? contracts[name as RefreshKey] : queryContracts[name as QueryContractKey];
}

/** What the event stream says: live, down, or nothing (no stream in this page). */
export type RealtimeHealth = 'live' | 'down' | undefined;

/** The interval to wait before the next poll, or null when this contract does not poll now. */
export function pollIntervalFor(contract: SyncContract, state: { hidden: boolean; idle: boolean; realtime?: RealtimeHealth }): number | null {
  const { realtime } = state;
  const base = realtime === 'live' ? contract.livePollMs : realtime === 'down' ? contract.pollWhenRealtimeDownMs : contract.pollMs;
  if (base === null) return null;
  if (state.hidden && !contract.pollWhenHidden) return null;
  return state.idle && contract.idlePollMs !== null ? Math.max(base, contract.idlePollMs) : base;
}
