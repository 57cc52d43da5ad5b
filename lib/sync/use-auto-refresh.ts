'use client';

import { useQuery, useQueryClient, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import { useEffect } from 'react';
import { contractFor } from './contracts';
import { hashQueryKey } from './env';
import { useSyncEnv } from './provider';
import { fetchSynced } from './query-sync';
import type { SyncedResource } from './resources/resource';
import { useQuerySync } from './use-query-sync';

export interface SyncedQueryOptions {
  /** false silences every refresh (e.g. Books while a form is open). */
  enabled?: boolean;
}

/**
 * The TanStack Query binding: a query kept to its resource's contract by the runtime (TanStack's own
 * focus/interval refetching is off), fetched through the conditional fetcher and seeded from this
 * tab's sessionStorage and the last-fetch clock, so a reload inside the window does not refetch.
 */
export function useSyncedQuery<T>(resource: SyncedResource<T>, { enabled = true }: SyncedQueryOptions = {}): UseQueryResult<T> {
  const env = useSyncEnv();
  const client = useQueryClient();
  const { url, contract: name } = resource;
  const queryKey = resource.queryKey as QueryKey;
  const queryHash = hashQueryKey(queryKey);
  const contract = contractFor(name);
  const staleTime = contract.staleMs === null ? Infinity : contract.staleMs * env.scale;
  // Without a staleness window (admin: manual refresh only) a reload is the manual refresh: it asks
  // the server (a 304 when nothing changed) instead of showing the copy this tab remembers.
  const reuse = contract.staleMs !== null;
  // The resource's key names everything `url` reads (resources/<domain>.ts keeps the two together).
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  const query = useQuery<T>({
    queryKey,
    queryFn: ({ signal }) => fetchSynced<T>(env, { url, contract: name, queryHash }, signal),
    initialData: reuse ? () => env.fetcher.peek<T>(url)?.body : undefined,
    // Remembered data without a remembered fetch time counts as stale: fetched on mount.
    initialDataUpdatedAt: reuse ? () => env.lastFetch.get(name, queryHash) ?? 0 : undefined,
    staleTime,
    enabled,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    refetchInterval: false,
  });
  useQuerySync(resource, enabled, {
    refetch: () => client.refetchQueries({ queryKey, exact: true }, { throwOnError: true, cancelRefetch: false }),
    write: (data, at) => client.setQueryData(queryKey, data, { updatedAt: at }),
  });
  // The cache now differs from what the server last sent (an optimistic change): drop this tab's
  // remembered copy, so a reload fetches instead of showing the old body.
  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        if (event.query.queryHash === queryHash && event.type === 'updated' && event.action.type === 'success' && event.action.manual) env.fetcher.forget(url);
      }),
    [client, env, queryHash, url],
  );
  return query;
}
