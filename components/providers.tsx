'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AppSession } from '@/lib/sync/auth-session';
import { SAVED_QUERY_MAX_AGE_MS, queryCachePersister } from '@/lib/sync/offline-db';
import { forgetSavedPages } from '@/lib/sync/service-worker';
import { SessionStateProvider, useAppSession } from './auth/SessionState';

/** Drops every cached query the moment the signed-in user changes (no data mixing, seed 001). */
export function ClearCacheOnUserChange({ client }: { client: QueryClient }) {
  const userId = useAppSession().data?.user.id ?? null;
  const last = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (last.current !== undefined && last.current !== userId) client.clear();
    last.current = userId;
  }, [client, userId]);
  return null;
}

const LAST_USER_KEY = 'pos:last-user';

/** Another user than the last one in this browser: the pages the worker saved for them go first. */
function forgetPagesOfOtherUsers(userId: string): void {
  try {
    const last = localStorage.getItem(LAST_USER_KEY);
    if (last !== userId) {
      if (last !== null) void forgetSavedPages().catch(() => undefined);
      localStorage.setItem(LAST_USER_KEY, userId);
    }
  } catch {
    // Blocked storage: nothing was saved either.
  }
}

/**
 * The query cache, persisted per signed-in user to their own IndexedDB database and read back
 * before queries run, so every page opens offline with the last answers this browser saw.
 */
function QueryCacheOfUser({ client, children }: { client: QueryClient; children: ReactNode }) {
  const userId = useAppSession().data?.user.id;
  const persister = useMemo(() => (userId ? queryCachePersister(userId) : null), [userId]);
  useEffect(() => {
    if (userId) forgetPagesOfOtherUsers(userId);
  }, [userId]);
  if (!persister || !userId) return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  return (
    <PersistQueryClientProvider
      key={userId}
      client={client}
      persistOptions={{
        persister,
        maxAge: SAVED_QUERY_MAX_AGE_MS,
        dehydrateOptions: { shouldDehydrateQuery: (query) => query.state.status === 'success' },
      }}
    >
      {children}
    </PersistQueryClientProvider>
  );
}

export function Providers({ session, children }: { session: AppSession | null; children: ReactNode }) {
  // Writes run offline too (networkMode 'always'): the outbox keeps what cannot be sent, durably,
  // where TanStack's paused mutations would be lost with the tab.
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1, staleTime: 0 }, mutations: { networkMode: 'always' } } }),
  );
  return (
    <SessionStateProvider session={session}>
      <QueryCacheOfUser client={client}>
        <ClearCacheOnUserChange client={client} />
        {children}
      </QueryCacheOfUser>
    </SessionStateProvider>
  );
}
