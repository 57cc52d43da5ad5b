import type { SWRConfiguration } from 'swr';
import { contracts, type RefreshKey } from './contracts';

export interface SwrBindingOptions {
  /** Compresses every duration (tests); 1 in production. */
  scale?: number;
  /** True after IDLE_AFTER_MS without activity; switches to the contract's idle interval. */
  isIdle?: () => boolean;
}

/**
 * The contract table mapped onto SWR options, for SWR-based clients:
 * refreshInterval (idle-aware), refreshWhenHidden, revalidateOnFocus with the focus threshold as
 * focusThrottleInterval (SWR cannot tell how long the user was away: at most one focus refetch per
 * threshold is its nearest), and a dedupingInterval that never swallows a due poll.
 */
export function swrOptions(refreshKey: RefreshKey, { scale = 1, isIdle }: SwrBindingOptions = {}): SWRConfiguration {
  const c = contracts[refreshKey];
  const poll = c.pollMs;
  const idlePoll = c.idlePollMs;
  const dedupe = poll !== null ? poll / 2 : (c.staleMs ?? 0);
  return {
    refreshInterval: poll === null ? 0 : () => (isIdle?.() && idlePoll !== null ? idlePoll : poll) * scale,
    refreshWhenHidden: c.pollWhenHidden,
    refreshWhenOffline: false,
    revalidateOnFocus: c.focusRefetchAfterMs !== null,
    // Today's "refetch if stale" has threshold 0: every focus revalidates, and deduping (its
    // staleness window) drops those that find the data fresh.
    focusThrottleInterval: (c.focusRefetchAfterMs ?? 0) * scale,
    dedupingInterval: dedupe * scale,
    revalidateOnReconnect: c.staleMs !== null,
    revalidateIfStale: c.staleMs !== null,
  };
}
