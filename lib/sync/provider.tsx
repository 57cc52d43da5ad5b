'use client';

import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { QueryKey } from '@tanstack/react-query';
import { hiddenSafeClock, systemClock, type Clock } from './clock';
import type { RefreshKey } from './contracts';
import { ConditionalFetcher } from './conditional-fetch';
import { getDeviceId } from './device';
import { ActivityTracker, browserLifecycle, type LifecycleSource } from './lifecycle';
import { openTabChannel, type TabChannel } from './tab-channel';
import { readTimeScale } from './time-scale';
import { forgetOtherUsers } from './session-store';

/** A fetch result relayed by the tab that made it to the other tabs of this browser. */
export interface RelayMessage {
  kind: 'data';
  userId: string;
  queryHash: string;
  data: unknown;
  at: number;
}

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
  /** The mounted contract queries, so realtime nudges and resyncs know what to refetch. */
  queries: Map<string, { refreshKey: RefreshKey; queryKey: QueryKey; mounts: number }>;
}

const SyncContext = createContext<SyncEnv | null>(null);

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
    queries: new Map(),
  };
}

/**
 * The sync runtime of one signed-in user. Mounted with `key={userId}`, so a user change makes a
 * new fetcher and channel; whatever another user left in this tab's sessionStorage is dropped.
 */
export function SyncProvider({ userId, env, children }: { userId: string; env?: SyncEnv; children: ReactNode }) {
  const value = useMemo(() => env ?? createBrowserSyncEnv(userId), [env, userId]);
  useEffect(() => {
    forgetOtherUsers(value.session, userId);
    return () => value.channel.close();
  }, [value, userId]);
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>;
}

export function useSyncEnv(): SyncEnv {
  const env = useContext(SyncContext);
  if (!env) throw new Error('useSyncEnv outside <SyncProvider>');
  return env;
}
