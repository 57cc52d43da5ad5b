'use client';

import useSWR, { type SWRResponse } from 'swr';
import { contractFor } from './contracts';
import { hashQueryKey } from './env';
import { useSyncEnv } from './provider';
import { fetchSynced } from './query-sync';
import type { SyncedResource } from './resources/resource';
import { useQuerySync } from './use-query-sync';

/**
 * The SWR binding: the same runtime as `useSyncedQuery` (conditional fetcher, last-fetch clock,
 * leader election, relay, page lifecycle, realtime nudges), with SWR's own revalidation turned off
 * so that only the contract decides when to fetch. SWR shows the data and the fetch state.
 */
export function useSyncedSWR<T>(resource: SyncedResource<T>, { enabled = true }: { enabled?: boolean } = {}): SWRResponse<T, Error> {
  const env = useSyncEnv();
  const { url, contract: name } = resource;
  const queryHash = hashQueryKey(resource.queryKey);
  const contract = contractFor(name);
  // As in the TanStack binding: without a staleness window a reload is the manual refresh.
  const remembered = contract.staleMs === null ? undefined : env.fetcher.peek<T>(url);
  const fetchedAt = env.lastFetch.get(name, queryHash);
  const fresh = remembered !== undefined && fetchedAt !== null && env.clock.now() - fetchedAt < (contract.staleMs ?? 0) * env.scale;
  const swr = useSWR<T, Error>(queryHash, () => fetchSynced<T>(env, { url, contract: name, queryHash }), {
    fallbackData: remembered?.body,
    // Read by SWR when a key is first shown: the remembered copy is revalidated only once stale.
    revalidateIfStale: !fresh,
    revalidateOnFocus: false,
    revalidateOnReconnect: false,
    refreshInterval: 0,
    shouldRetryOnError: false,
    dedupingInterval: 0,
    isPaused: () => !enabled,
  });
  const { mutate } = swr;
  useQuerySync(resource, enabled, {
    refetch: () => mutate(),
    write: (data) => void mutate(data as T, { revalidate: false }),
  });
  return swr;
}
