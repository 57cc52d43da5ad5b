/**
 * The web sync contracts of DESIGN.md ("Web sync contracts", seed 001) as data, one row per name.
 * Pages name a contract and never hard-code an interval; the admin page renders both tables read-only.
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
  page: string;
  /** Where freshness comes from, in words (shown on the admin page). */
  source: string;
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
function nudged(page: string, source: string, staleMs: number, awayMs: number): Row {
  const onFocus = { focusRefetchAfterMs: awayMs, focusRefetchIfStale: false, refetchOnVisible: false };
  return { page, source, pollMs: null, idlePollMs: null, livePollMs: null, pollWhenRealtimeDownMs: staleMs, pollWhenHidden: false, staleMs, ...onFocus };
}

/** Like `nudged`, but focus and a return to the tab refetch whenever the data is older than the window. */
function nudgedIfStale(page: string, source: string, staleMs: number): Row {
  return { ...nudged(page, source, staleMs, 0), focusRefetchIfStale: true, refetchOnVisible: true };
}

/** The tasks contract: a 30 s poll without the stream, a 5 min safety pull with it, a pull on every return. */
function tasksLike(page: string, source: string): Row {
  const onReturn = { focusRefetchAfterMs: 0, focusRefetchIfStale: false, refetchOnVisible: true };
  return {
    page,
    source,
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
    page: 'Focus timer (/focus, BottomBar, FocusIndicator)',
    source: 'one poller of /api/focus/active for all consumers; SSE timer events make it instant',
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
  'daily-plan': nudgedIfStale('Today (/today)', 'fetch on mount; nudged by plan, planner, tasks, habits, mood, focus and profile changes', 5 * MINUTE),
  planner: {
    page: 'Planner (/planner)',
    source: 'poll; SSE calendar events make it instant',
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
  tasks: tasksLike('Tasks (/tasks)', 'SSE nudge → op-log pull; 30 s poll without SSE, a 5 min safety pull with it'),
  quests: nudged('Quests (/quests)', 'fetch on mount; nudged by quests changes', MINUTE, MINUTE),
  habits: nudged('Habits (/habits)', 'fetch on mount; nudged by habits changes', MINUTE, MINUTE),
  progress: nudged('Progress (/progress)', 'fetch on mount + focus; nudged by progress changes', MINUTE, MINUTE),
  books: nudged('Books (/books)', 'fetch on mount + focus; nudged by books changes; paused while a form is open', 2 * MINUTE, 2 * MINUTE),
  mood: nudged('Mood & check-ins (/mood)', 'fetch on mount; nudged by mood changes', MINUTE, MINUTE),
  admin: {
    page: 'Admin (/admin)',
    source: 'manual refresh only (and admin changes, through the leader)',
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
  profile: nudgedIfStale('Profile and time zone (/settings, /tasks: /api/me)', 'fetch on mount; nudged by profile changes', 5 * MINUTE),
  'api-keys': nudged('API keys (/settings: /api/api-keys)', 'fetch on mount; nudged by devices changes', MINUTE, MINUTE),
  // "Last seen" is kept to the minute and "connected now" moves without a write: a minute away refetches.
  devices: nudged('Devices (/settings: /api/devices)', 'fetch on mount; nudged by devices changes', MINUTE, MINUTE),
  // "Last seen" is kept to the minute; a session signed in or out elsewhere nudges the devices scope.
  sessions: nudged('Where you are signed in (/settings: /api/me/sessions)', 'fetch on mount; nudged by devices changes', MINUTE, MINUTE),
  'device-tokens': nudged('Push devices (/settings: /api/device-tokens)', 'fetch on mount; nudged by devices changes', MINUTE, MINUTE),
  'task-counts': tasksLike('Today badge (every page: /api/tasks/counts)', 'nudged by tasks changes; 30 s poll without SSE, a 5 min safety pull with it'),
  'focus-sessions': nudged("Today's focus sessions (/focus: /api/focus/sessions)", 'fetch on mount + focus; nudged by progress changes', MINUTE, MINUTE),
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
