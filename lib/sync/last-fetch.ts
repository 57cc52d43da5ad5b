export const LAST_FETCH_PREFIX = 'pos:last-fetch:';

/** When one query's data was last fetched, as its refresher reads and writes it. */
export interface LastFetchStore {
  get(): number | null;
  set(at: number): void;
}

type Listener = (at: number) => void;

/**
 * The one record of when each query's data was last fetched — by this tab, another tab's relay, or
 * the page before a reload — per user in sessionStorage, so a reload inside the window does not
 * refetch. Schedulers, relays and the bindings' initial data read it; nothing else decides staleness.
 */
export class LastFetchClock {
  /** This page's own fetches, which win over what sessionStorage says (see `get`). */
  private readonly memory = new Map<string, number>();
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly storage: Storage | null,
    private readonly userId: string,
  ) {}

  get(contract: string, queryHash: string): number | null {
    const key = this.key(contract, queryHash);
    const own = this.memory.get(key);
    if (own !== undefined) return own;
    // sessionStorage is shared by every page in the tab's history: a page restored from the
    // back/forward cache must not count another page's fetch as its own, hence memory first.
    const raw = this.storage?.getItem(key);
    const stored = raw ? Number(raw) : null;
    return stored !== null && Number.isFinite(stored) ? stored : null;
  }

  set(contract: string, queryHash: string, at: number): void {
    const key = this.key(contract, queryHash);
    this.memory.set(key, at);
    try {
      this.storage?.setItem(key, String(at));
    } catch {
      // Memory still holds it for this page.
    }
    this.listeners.get(queryHash)?.forEach((fn) => fn(at));
  }

  /** Data of the query arrived at `at`: recorded unless the clock already shows a later fetch. */
  record(contract: string, queryHash: string, at: number): void {
    const known = this.get(contract, queryHash);
    if (known === null || at > known) this.set(contract, queryHash, at);
  }

  /** Called with every time set for the query (its refresher reschedules on it). */
  listen(queryHash: string, fn: Listener): () => void {
    let set = this.listeners.get(queryHash);
    if (!set) this.listeners.set(queryHash, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }

  store(contract: string, queryHash: string): LastFetchStore {
    return { get: () => this.get(contract, queryHash), set: (at) => this.set(contract, queryHash, at) };
  }

  private key(contract: string, queryHash: string): string {
    return `${LAST_FETCH_PREFIX}${this.userId}:${contract}:${queryHash}`;
  }
}

/** The last-fetch time of one query of one user, kept in this tab's sessionStorage across reloads. */
export function lastFetchStore(storage: Storage | null, userId: string, contract: string, queryHash: string): LastFetchStore {
  return new LastFetchClock(storage, userId).store(contract, queryHash);
}

/** A store that lives as long as the page (the tasks engine's default; tests). */
export function memoryLastFetch(initial: number | null = null): LastFetchStore & { value: number | null } {
  const store = {
    value: initial,
    get: () => store.value,
    set: (at: number) => {
      store.value = at;
    },
  };
  return store;
}
