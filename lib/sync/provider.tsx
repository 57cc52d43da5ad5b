'use client';

import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { createBrowserSyncEnv, type SyncEnv } from './env';
import { forgetOtherUsers } from './session-store';

export type { RelayMessage, SyncEnv } from './env';

const SyncContext = createContext<SyncEnv | null>(null);

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
