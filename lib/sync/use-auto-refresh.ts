'use client';

import { hashKey, useQuery, useQueryClient, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { contracts, type RefreshKey } from './contracts';
import { elect } from './leader';
import { useSyncEnv } from './provider';
import { Refresher } from './refresher';
import { lastFetchStore } from './session-store';

export interface AutoRefreshOptions {
  refreshKey: RefreshKey;
  queryKey: QueryKey;
  /** false silences every refresh (e.g. Books while a form is open). */
  enabled?: boolean;
}

/**
 * Applies a sync contract to one TanStack query. Polling contracts elect one leader tab per
 * browser (Web Locks) that polls and relays each result to the other tabs; every tab still
 * handles its own focus/visibility refetches and relays what it fetched.
 */
export function useAutoRefresh({ refreshKey, queryKey, enabled = true }: AutoRefreshOptions): void {
  const env = useSyncEnv();
  const client = useQueryClient();
  const queryHash = hashKey(queryKey);
  const keyRef = useRef(queryKey);
  const enabledRef = useRef(enabled);
  const refresherRef = useRef<Refresher | null>(null);
  const updateCandidacyRef = useRef<() => void>(() => {});

  useEffect(() => {
    keyRef.current = queryKey;
  });

  useEffect(() => {
    const contract = contracts[refreshKey];
    const refresher = new Refresher({
      contract,
      clock: contract.pollWhenHidden ? env.hiddenClock : env.clock,
      lifecycle: env.lifecycle,
      activity: env.activity,
      lastFetch: lastFetchStore(env.session, env.userId, refreshKey, queryHash),
      scale: env.scale,
      refresh: () => client.refetchQueries({ queryKey: keyRef.current, exact: true }, { throwOnError: true, cancelRefetch: false }),
    });
    refresherRef.current = refresher;
    const registered = env.queries.get(queryHash);
    env.queries.set(queryHash, { refreshKey, queryKey: keyRef.current, mounts: (registered?.mounts ?? 0) + 1 });

    // Every real fetch of this query (not setQueryData) restarts the clock and is relayed.
    let applyingRelay = false;
    const unsubscribeCache = client.getQueryCache().subscribe((event) => {
      if (event.query.queryHash !== queryHash || event.type !== 'updated' || event.action.type !== 'success') return;
      const at = event.query.state.dataUpdatedAt;
      refresher.markFetched(at);
      if (event.action.manual || applyingRelay) return;
      env.channel.post({ kind: 'data', userId: env.userId, queryHash, data: event.query.state.data, at });
    });
    const unsubscribeRelay = env.channel.subscribe((message) => {
      if (message.kind !== 'data' || message.userId !== env.userId || message.queryHash !== queryHash) return;
      if (message.at <= (client.getQueryState(keyRef.current)?.dataUpdatedAt ?? 0)) return;
      applyingRelay = true;
      try {
        client.setQueryData(keyRef.current, message.data, { updatedAt: message.at });
      } finally {
        applyingRelay = false;
      }
      refresher.markFetched(message.at);
    });

    // Only polling contracts need a leader; a tab stands while it may poll (visible, or allowed hidden).
    let pageGone = false;
    const election = contract.pollMs === null ? null : elect(`pos-poll:${env.userId}:${queryHash}`, (leader) => refresher.setLeader(leader));
    const updateCandidacy = () => {
      if (!election) return;
      const mayPoll = enabledRef.current && !pageGone && (contract.pollWhenHidden || !env.lifecycle.isHidden());
      if (mayPoll) election.stand();
      else election.resign();
    };
    updateCandidacyRef.current = updateCandidacy;
    const unlisten = env.lifecycle.listen((e) => {
      // A held lock keeps a page out of the back/forward cache, and a frozen leader polls nobody.
      if (e.type === 'pagehide' || e.type === 'freeze') pageGone = true;
      if ((e.type === 'pageshow' && e.persisted) || e.type === 'resume') pageGone = false;
      updateCandidacy();
    });

    const at = client.getQueryState(keyRef.current)?.dataUpdatedAt;
    if (at) refresher.markFetched(at);
    if (election) refresher.setLeader(false);
    refresher.start(enabledRef.current);
    updateCandidacy();

    return () => {
      const entry = env.queries.get(queryHash);
      if (entry && entry.mounts > 1) entry.mounts -= 1;
      else env.queries.delete(queryHash);
      unlisten();
      election?.resign();
      unsubscribeCache();
      unsubscribeRelay();
      refresher.dispose();
      refresherRef.current = null;
    };
  }, [client, env, refreshKey, queryHash]);

  useEffect(() => {
    enabledRef.current = enabled;
    refresherRef.current?.setEnabled(enabled);
    updateCandidacyRef.current();
  }, [enabled]);
}

export interface SyncedQueryOptions extends AutoRefreshOptions {
  /** The GET the query reads, through the conditional fetcher (ETag/304). */
  url: string;
}

/**
 * A query that follows its contract: fetched through the conditional fetcher, seeded from this
 * tab's sessionStorage (so a reload inside the staleness window does not refetch), refreshed
 * only by useAutoRefresh — TanStack's own focus/interval refetching is off.
 */
export function useSyncedQuery<T>({ refreshKey, queryKey, url, enabled = true }: SyncedQueryOptions): UseQueryResult<T> {
  const env = useSyncEnv();
  const contract = contracts[refreshKey];
  const staleTime = contract.staleMs === null ? Infinity : contract.staleMs * env.scale;
  // Without a staleness window (admin: manual refresh only) a reload is the manual refresh: it asks
  // the server (a 304 when nothing changed) instead of showing the copy this tab remembers.
  const reuse = contract.staleMs !== null;
  // The caller's queryKey names what `url` reads (queries/<domain>.ts keeps the two together).
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  const query = useQuery<T>({
    queryKey,
    queryFn: ({ signal }) => env.fetcher.get<T>(url, { signal }),
    initialData: reuse ? () => env.fetcher.peek<T>(url)?.body : undefined,
    initialDataUpdatedAt: reuse ? () => env.fetcher.peek<T>(url)?.at : undefined,
    staleTime,
    enabled,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    refetchInterval: false,
  });
  useAutoRefresh({ refreshKey, queryKey, enabled });
  // The cache now differs from what the server last sent (an optimistic change or another tab's
  // relay): drop this tab's remembered copy, so a reload fetches instead of showing the old body.
  const queryHash = hashKey(queryKey);
  const client = useQueryClient();
  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        if (event.query.queryHash === queryHash && event.type === 'updated' && event.action.type === 'success' && event.action.manual) env.fetcher.forget(url);
      }),
    [client, env, queryHash, url],
  );
  return query;
}
