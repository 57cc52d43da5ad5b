'use client';

import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { figuresFor } from '@/lib/shared/format';
import { useBrowserOnline } from './ConnectionIndicator';

/** When the oldest answer this page shows was fetched: what the page can honestly claim to show. */
export function oldestShown(client: QueryClient): number | null {
  let oldest: number | null = null;
  for (const query of client.getQueryCache().getAll()) {
    if (!query.isActive() || query.state.dataUpdatedAt === 0) continue;
    oldest = oldest === null ? query.state.dataUpdatedAt : Math.min(oldest, query.state.dataUpdatedAt);
  }
  return oldest;
}

/** While the browser is offline: what the page shows and how old it is, so nothing passes for live. */
export function OfflineBanner() {
  const online = useBrowserOnline();
  const client = useQueryClient();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (online) return;
    const tick = () => setNow(Date.now());
    const unsubscribe = client.getQueryCache().subscribe(tick);
    const timer = setInterval(tick, 30_000);
    tick();
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [client, online]);
  if (online) return null;
  const oldest = oldestShown(client);
  return (
    <div role="status" className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900" data-testid="offline-banner">
      {oldest === null
        ? 'Offline — this page has nothing saved on this device yet'
        : `Offline — showing what this device last saw, ${figuresFor().ago(oldest, now)}`}
    </div>
  );
}
