'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Session } from 'next-auth';
import { SessionProvider, useSession } from 'next-auth/react';
import { useEffect, useRef, useState, type ReactNode } from 'react';

/** Drops every cached query the moment the signed-in user changes (no data mixing, seed 001). */
export function ClearCacheOnUserChange({ client }: { client: QueryClient }) {
  const { data, status } = useSession();
  const userId = status === 'loading' ? undefined : (data?.user.id ?? null);
  const last = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (userId === undefined) return;
    if (last.current !== undefined && last.current !== userId) client.clear();
    last.current = userId;
  }, [client, userId]);
  return null;
}

export function Providers({ session, children }: { session: Session | null; children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1, staleTime: 0 } } }));
  return (
    <SessionProvider session={session} refetchOnWindowFocus>
      <QueryClientProvider client={client}>
        <ClearCacheOnUserChange client={client} />
        {children}
      </QueryClientProvider>
    </SessionProvider>
  );
}
