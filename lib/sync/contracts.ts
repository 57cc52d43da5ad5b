/**
 * The web sync contracts of DESIGN.md ("Web sync contracts", seed 001) as data. Pages name a
 * refreshKey and never hard-code an interval; the admin page renders this table read-only.
 */

export const REFRESH_KEYS = ['focus', 'daily-plan', 'planner', 'tasks', 'quests', 'habits', 'progress', 'books', 'mood', 'admin'] as const;
export type RefreshKey = (typeof REFRESH_KEYS)[number];

export interface SyncContract {
  refreshKey: RefreshKey;
  page: string;
  /** Where freshness comes from, in words (shown on the admin page). */
  source: string;
  /** Poll interval while the user is active; null = no polling. */
  pollMs: number | null;
  /** Poll interval after IDLE_AFTER_MS without pointer/keyboard activity. */
  idlePollMs: number | null;
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

/** "No recent activity" for the idle interval (seed 001: planner may slow to 60 s). */
export const IDLE_AFTER_MS = 5 * 60_000;

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const table: Omit<SyncContract, 'refreshKey'>[] = [
  {
    page: 'Focus timer (/focus, BottomBar, FocusIndicator)',
    source: 'one poller of /api/focus/active for all consumers',
    pollMs: 30 * SECOND,
    idlePollMs: 30 * SECOND,
    pollWhenHidden: true,
    staleMs: 30 * SECOND,
    focusRefetchAfterMs: 0,
    focusRefetchIfStale: false,
    refetchOnVisible: true,
  },
  {
    page: 'Today (/today)',
    source: 'fetch on mount',
    pollMs: null,
    idlePollMs: null,
    pollWhenHidden: false,
    staleMs: 5 * MINUTE,
    focusRefetchAfterMs: 0,
    focusRefetchIfStale: true,
    refetchOnVisible: true,
  },
  {
    page: 'Planner (/planner)',
    source: 'poll; SSE calendar events make it instant',
    pollMs: 30 * SECOND,
    idlePollMs: 60 * SECOND,
    pollWhenHidden: false,
    staleMs: 30 * SECOND,
    focusRefetchAfterMs: 0,
    focusRefetchIfStale: false,
    refetchOnVisible: true,
  },
  {
    page: 'Tasks (/tasks)',
    source: 'SSE nudge → op-log pull; 30 s poll without SSE, a 5 min safety pull with it',
    pollMs: 30 * SECOND,
    idlePollMs: 30 * SECOND,
    pollWhenHidden: false,
    staleMs: 30 * SECOND,
    focusRefetchAfterMs: 0,
    focusRefetchIfStale: false,
    refetchOnVisible: true,
  },
  {
    page: 'Quests (/quests)',
    source: 'fetch on mount',
    pollMs: null,
    idlePollMs: null,
    pollWhenHidden: false,
    staleMs: MINUTE,
    focusRefetchAfterMs: MINUTE,
    focusRefetchIfStale: false,
    refetchOnVisible: false,
  },
  {
    page: 'Habits (/habits)',
    source: 'fetch on mount',
    pollMs: null,
    idlePollMs: null,
    pollWhenHidden: false,
    staleMs: MINUTE,
    focusRefetchAfterMs: MINUTE,
    focusRefetchIfStale: false,
    refetchOnVisible: false,
  },
  {
    page: 'Progress (/progress)',
    source: 'fetch on mount + focus',
    pollMs: null,
    idlePollMs: null,
    pollWhenHidden: false,
    staleMs: MINUTE,
    focusRefetchAfterMs: MINUTE,
    focusRefetchIfStale: false,
    refetchOnVisible: false,
  },
  {
    page: 'Books (/books)',
    source: 'fetch on mount + focus; paused while a form is open',
    pollMs: null,
    idlePollMs: null,
    pollWhenHidden: false,
    staleMs: 2 * MINUTE,
    focusRefetchAfterMs: 2 * MINUTE,
    focusRefetchIfStale: false,
    refetchOnVisible: false,
  },
  {
    page: 'Mood & check-ins (/mood)',
    source: 'fetch on mount',
    pollMs: null,
    idlePollMs: null,
    pollWhenHidden: false,
    staleMs: MINUTE,
    focusRefetchAfterMs: MINUTE,
    focusRefetchIfStale: false,
    refetchOnVisible: false,
  },
  {
    page: 'Admin (/admin)',
    source: 'manual refresh only',
    pollMs: null,
    idlePollMs: null,
    pollWhenHidden: false,
    staleMs: null,
    focusRefetchAfterMs: null,
    focusRefetchIfStale: false,
    refetchOnVisible: false,
  },
];

export const contracts: Readonly<Record<RefreshKey, Readonly<SyncContract>>> = Object.freeze(
  Object.fromEntries(REFRESH_KEYS.map((refreshKey, i) => [refreshKey, Object.freeze({ refreshKey, ...table[i] })])) as Record<RefreshKey, SyncContract>,
);

/** The interval to wait before the next poll, or null when this contract does not poll now. */
export function pollIntervalFor(contract: SyncContract, state: { hidden: boolean; idle: boolean }): number | null {
  if (contract.pollMs === null) return null;
  if (state.hidden && !contract.pollWhenHidden) return null;
  return state.idle && contract.idlePollMs !== null ? contract.idlePollMs : contract.pollMs;
}
