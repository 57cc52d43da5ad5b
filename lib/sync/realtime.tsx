'use client';

import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Scope } from '@/lib/shared/events';
import { contracts, type RefreshKey } from './contracts';
import { deviceLabel } from './device';
import { elect } from './leader';
import { useSyncEnv } from './provider';
import { RealtimeClient, type RealtimeMessage, type RealtimeState } from './sse-client';
import { openTabChannel } from './tab-channel';

/** Which contract queries a changed scope makes stale. */
const SCOPE_REFRESH_KEYS: Partial<Record<Scope, RefreshKey[]>> = {
  focus: ['focus'],
  plan: ['daily-plan'],
  planner: ['planner', 'daily-plan'],
  tasks: ['tasks', 'daily-plan'],
  quests: ['quests'],
  habits: ['habits', 'daily-plan'],
  progress: ['progress'],
  books: ['books'],
  mood: ['mood', 'daily-plan'],
  admin: ['admin'],
};

const RealtimeContext = createContext<RealtimeClient | null>(null);

/**
 * Connects this browser to /api/events (one stream for all tabs) and turns events into
 * refetches: a changed scope invalidates its queries in every tab, and every (re)connect or
 * `resync` invalidates the time-sensitive (polling) contracts — an event is only ever a hint.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const env = useSyncEnv();
  const client = useQueryClient();
  const realtime = useMemo(
    () =>
      new RealtimeClient({
        userId: env.userId,
        deviceId: env.deviceId,
        deviceLabel: deviceLabel(),
        channel: openTabChannel<RealtimeMessage>('passion-realtime'),
        elect: (onChange) => elect(`pos-sse:${env.userId}`, onChange),
        lifecycle: env.lifecycle,
      }),
    [env],
  );

  useEffect(() => {
    const refetch = (match: (key: RefreshKey) => boolean) => {
      for (const { refreshKey, queryKey } of env.queries.values()) {
        if (match(refreshKey)) void client.invalidateQueries({ queryKey, exact: true });
      }
    };
    const offAll = realtime.on('*', (event) => {
      const keys = new Set(event.changedScopes.flatMap((s) => SCOPE_REFRESH_KEYS[s] ?? []));
      refetch((key) => keys.has(key));
    });
    // A (re)connect may have missed events: refetch the time-sensitive contracts — only what is stale.
    const offResync = realtime.onResync(() => {
      for (const { refreshKey, queryKey } of env.queries.values()) {
        if (contracts[refreshKey].pollMs !== null) void client.refetchQueries({ queryKey, exact: true, stale: true });
      }
    });
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
