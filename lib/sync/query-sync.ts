import { contractFor, type ContractName } from './contracts';
import type { RelayMessage, SyncEnv } from './env';
import { elect } from './leader';
import { leadAcrossLifecycle, type Leadership } from './leadership';
import { Refresher, type RealtimeStatusSource } from './refresher';

/** What a binding (TanStack Query, SWR) lends the runtime of the cache entry it shows. */
export interface SyncedCache {
  /** Fetches through the binding, so it shows the fetch as it always does; settles once the answer is in. */
  refetch(): Promise<unknown>;
  /** Shows data another tab fetched at `at`, without a request. */
  write(data: unknown, at: number): void;
}

export interface QuerySyncOptions {
  env: SyncEnv;
  contract: ContractName;
  queryHash: string;
  url: string;
  cache: SyncedCache;
  realtime?: RealtimeStatusSource | null;
}

/**
 * GETs `url` through the conditional fetcher, records the time on the last-fetch clock and relays
 * the answer to the other tabs: every fetch of a synced query, whichever binding asks, goes here.
 */
export async function fetchSynced<T>(env: SyncEnv, o: { url: string; contract: ContractName; queryHash: string }, signal?: AbortSignal): Promise<T> {
  const data = await env.fetcher.get<T>(o.url, { signal });
  const at = env.clock.now();
  env.lastFetch.record(o.contract, o.queryHash, at);
  relayToTabs(env, o.queryHash, data, at);
  return data;
}

/** Hands the server's latest answer for a query (a fetch's, or a write's reply) to this browser's other tabs. */
export function relayToTabs(env: SyncEnv, queryHash: string, data: unknown, at = env.clock.now()): void {
  const relay: RelayMessage = { kind: 'data', userId: env.userId, queryHash, data, at };
  env.channel.post(relay);
}

/**
 * One query kept to its contract in this tab, whatever binding shows it: one Web Lock per user and
 * query elects the tab that polls and answers nudges for the whole browser; the others take its
 * relayed answers (BroadcastChannel). Focus and visibility refetches stay with each tab.
 */
export class QuerySync {
  private readonly refresher: Refresher;
  private leadership: Leadership | null = null;
  private enabled = true;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly o: QuerySyncOptions) {
    const contract = contractFor(o.contract);
    const { env } = o;
    this.refresher = new Refresher({
      contract,
      clock: contract.pollWhenHidden ? env.hiddenClock : env.clock,
      lifecycle: env.lifecycle,
      activity: env.activity,
      lastFetch: env.lastFetch.store(o.contract, o.queryHash),
      scale: env.scale,
      realtime: o.realtime,
      refresh: () => o.cache.refetch(),
    });
  }

  start(enabled: boolean): void {
    const { env, queryHash } = this.o;
    const contract = contractFor(this.o.contract);
    this.enabled = enabled;
    this.cleanups.push(env.lastFetch.listen(queryHash, (at) => this.refresher.markFetched(at)));
    this.cleanups.push(env.channel.subscribe((m) => this.onRelay(m)));
    this.refresher.setLeader(false);
    this.refresher.start(enabled);
    // A hidden tab leads only contracts that poll while hidden: a visible tab must be free to poll the rest.
    this.leadership = leadAcrossLifecycle({
      elect: (onChange) => elect(`pos-query:${env.userId}:${queryHash}`, onChange),
      lifecycle: env.lifecycle,
      mayLead: () => this.enabled && (contract.pollWhenHidden || !env.lifecycle.isHidden()),
      onChange: (leader) => this.refresher.setLeader(leader),
    });
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.refresher.setEnabled(enabled);
    this.leadership?.update();
  }

  /** The server changed what this query shows (a realtime event of one of its scopes). */
  nudge(): void {
    this.refresher.nudge();
  }

  resync(reason: 'connect' | 'resync'): void {
    this.refresher.resync(reason);
  }

  dispose(): void {
    this.leadership?.dispose();
    this.leadership = null;
    this.cleanups.splice(0).forEach((fn) => fn());
    this.refresher.dispose();
  }

  private onRelay(m: RelayMessage): void {
    const { env, queryHash, contract } = this.o;
    if (m.kind !== 'data' || m.userId !== env.userId || m.queryHash !== queryHash) return;
    if (m.at <= (env.lastFetch.get(contract, queryHash) ?? 0)) return;
    // What this tab remembers for a reload is no longer what it shows: a reload must fetch.
    env.fetcher.forget(this.o.url);
    this.o.cache.write(m.data, m.at);
    env.lastFetch.record(contract, queryHash, m.at);
  }
}
