import type { ContractName } from './contracts';
import type { ResyncReason } from './sse-client';

/** What the page asks of a query's sync (query-sync.ts's QuerySync). */
export interface RegisteredSync {
  start(enabled: boolean): void;
  setEnabled(enabled: boolean): void;
  dispose(): void;
  /** A change was announced: the query's leader refetches once and relays. */
  nudge(): void;
  resync(reason: ResyncReason): void;
}

/** A query shown in this page, and the sync that keeps it fresh. */
export interface MountedQuery {
  contract: ContractName;
  queryKey: readonly unknown[];
  sync: RegisteredSync;
}

export interface Mount {
  setEnabled(enabled: boolean): void;
  unmount(): void;
}

/**
 * The queries this page shows, one sync per query however many components show it (the profile
 * serves the settings form and the tasks' time zone): one election and one poller per query and tab.
 */
export class QueryRegistry {
  private readonly entries = new Map<string, { query: MountedQuery; mounts: Map<symbol, boolean> }>();

  mount(queryHash: string, create: () => MountedQuery, enabled: boolean): Mount {
    let entry = this.entries.get(queryHash);
    const first = !entry;
    if (!entry) this.entries.set(queryHash, (entry = { query: create(), mounts: new Map() }));
    const { query, mounts } = entry;
    const token = Symbol(queryHash);
    mounts.set(token, enabled);
    const anyEnabled = () => [...mounts.values()].some(Boolean);
    if (first) query.sync.start(enabled);
    else query.sync.setEnabled(anyEnabled());
    return {
      setEnabled: (next) => {
        if (!mounts.has(token)) return;
        mounts.set(token, next);
        query.sync.setEnabled(anyEnabled());
      },
      unmount: () => {
        if (!mounts.delete(token)) return;
        if (mounts.size > 0) return query.sync.setEnabled(anyEnabled());
        query.sync.dispose();
        this.entries.delete(queryHash);
      },
    };
  }

  get(queryHash: string): MountedQuery | undefined {
    return this.entries.get(queryHash)?.query;
  }

  *[Symbol.iterator](): IterableIterator<[string, MountedQuery]> {
    for (const [hash, { query }] of this.entries) yield [hash, query];
  }
}
