import { hiddenSafeClock, systemClock, type Clock } from './clock';
import { ConditionalFetcher } from './conditional-fetch';
import { getDeviceId } from './device';
import { LastFetchClock } from './last-fetch';
import { ActivityTracker, browserLifecycle, type LifecycleSource } from './lifecycle';
import { QueryRegistry } from './query-registry';
import { openTabChannel, type TabChannel } from './tab-channel';
import { readTimeScale } from './time-scale';

/** A fetch result relayed by the tab that made it to the other tabs of this browser. */
export interface RelayMessage {
  kind: 'data';
  userId: string;
  queryHash: string;
  data: unknown;
  at: number;
}

/** The sync runtime of one signed-in user in one page: everything a query's sync needs, injectable for tests. */
export interface SyncEnv {
  userId: string;
  deviceId: string;
  fetcher: ConditionalFetcher;
  channel: TabChannel<RelayMessage>;
  clock: Clock;
  /** Timers that keep their cadence in hidden tabs (contracts with pollWhenHidden). */
  hiddenClock: Clock;
  lifecycle: LifecycleSource;
  activity: ActivityTracker;
  session: Storage | null;
  scale: number;
  /** When each query's data was last fetched: the one clock every decision reads. */
  lastFetch: LastFetchClock;
  /** The queries this page shows, so realtime nudges and resyncs reach their sync. */
  queries: QueryRegistry;
}

function storageOrNull(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window[kind];
  } catch {
    return null;
  }
}

export function createBrowserSyncEnv(userId: string): SyncEnv {
  const session = storageOrNull('sessionStorage');
  const local = storageOrNull('localStorage');
  const deviceId = getDeviceId(local);
  return {
    userId,
    deviceId,
    fetcher: new ConditionalFetcher({ userId, storage: session, headers: { 'X-Device-Id': deviceId } }),
    channel: openTabChannel<RelayMessage>('passion-sync', browserLifecycle),
    clock: systemClock,
    hiddenClock: hiddenSafeClock(),
    lifecycle: browserLifecycle,
    activity: new ActivityTracker(systemClock, local),
    session,
    scale: readTimeScale(local),
    lastFetch: new LastFetchClock(session, userId),
    queries: new QueryRegistry(),
  };
}

/** A query key as the runtime files it (TanStack's `hashKey` gives the same for keys of plain values). */
export const hashQueryKey = (queryKey: readonly unknown[]): string => JSON.stringify(queryKey);
