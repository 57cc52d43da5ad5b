'use client';

import { useEffect, useRef } from 'react';
import { hashQueryKey } from './env';
import { useSyncEnv } from './provider';
import { QuerySync, type SyncedCache } from './query-sync';
import type { Mount } from './query-registry';
import { useOptionalRealtime } from './realtime';
import type { SyncedResource } from './resources/resource';

/**
 * Keeps one resource to its contract for as long as a component shows it: the binding-neutral
 * half of `useSyncedQuery` (TanStack Query) and `useSyncedSWR` (SWR), which lend their cache.
 */
export function useQuerySync(resource: SyncedResource<unknown>, enabled: boolean, cache: SyncedCache): void {
  const env = useSyncEnv();
  const realtime = useOptionalRealtime();
  const queryHash = hashQueryKey(resource.queryKey);
  const cacheRef = useRef(cache);
  const resourceRef = useRef(resource);
  const enabledRef = useRef(enabled);
  const mountRef = useRef<Mount | null>(null);

  useEffect(() => {
    cacheRef.current = cache;
    resourceRef.current = resource;
  });

  useEffect(() => {
    const { contract, queryKey, url } = resourceRef.current;
    const mount = env.queries.mount(
      queryHash,
      () => ({
        contract,
        queryKey,
        sync: new QuerySync({
          env,
          contract,
          queryHash,
          url,
          realtime,
          cache: { refetch: () => cacheRef.current.refetch(), write: (data, at) => cacheRef.current.write(data, at) },
        }),
      }),
      enabledRef.current,
    );
    mountRef.current = mount;
    return () => {
      mount.unmount();
      mountRef.current = null;
    };
  }, [env, realtime, queryHash]);

  useEffect(() => {
    enabledRef.current = enabled;
    mountRef.current?.setEnabled(enabled);
  }, [enabled]);
}
