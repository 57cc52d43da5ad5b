'use client';

import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { deviceLabel } from './device';
import { elect } from './leader';
import { useSyncEnv } from './provider';
import { nudgeChangedScopes, refreshAfterResync } from './realtime-queries';
import { RealtimeClient, type RealtimeMessage, type RealtimeState } from './sse-client';
import { openTabChannel } from './tab-channel';

const RealtimeContext = createContext<RealtimeClient | null>(null);

/**
 * Connects this browser to /api/events (one stream for all tabs) and turns events into refetches by
 * each query's leader tab: a changed scope nudges the queries showing it, a (re)connect refetches the
 * stale polling contracts, a `resync` all of them — an event is only ever a hint.
 */
export function RealtimeProvider({ children, realtime: given }: { children: ReactNode; realtime?: RealtimeClient }) {
  const env = useSyncEnv();
  const client = useQueryClient();
  const realtime = useMemo(
    () =>
      given ??
      new RealtimeClient({
        userId: env.userId,
        deviceId: env.deviceId,
        deviceLabel: deviceLabel(),
        channel: openTabChannel<RealtimeMessage>('passion-realtime', env.lifecycle),
        elect: (onChange) => elect(`pos-sse:${env.userId}`, onChange),
        lifecycle: env.lifecycle,
      }),
    [env, given],
  );

  useEffect(() => {
    const offAll = realtime.on('*', (event) => {
      void Promise.all(nudgeChangedScopes(client, env.userId, event, env.queries));
    });
    const offResync = realtime.onResync((reason) => refreshAfterResync(env.queries, reason));
    realtime.start();
    return () => {
      offAll();
      offResync();
      realtime.stop();
    };
  }, [client, env, realtime]);

  return <RealtimeContext.Provider value={realtime}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeClient {
  const realtime = useContext(RealtimeContext);
  if (!realtime) throw new Error('useRealtime outside <RealtimeProvider>');
  return realtime;
}

/** The realtime client when one is mounted (components that also work without realtime). */
export function useOptionalRealtime(): RealtimeClient | null {
  return useContext(RealtimeContext);
}

export function useRealtimeStatus(): RealtimeState {
  const realtime = useRealtime();
  const [state, setState] = useState<RealtimeState>(() => realtime.status());
  useEffect(() => realtime.onStatus(setState), [realtime]);
  return state;
}
