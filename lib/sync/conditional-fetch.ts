import { REQUEST_TIMEOUT_MS, withDeadline } from './deadline';
import { removeKeys } from './storage-keys';

/** An error from our JSON API: `{"error":{"code","message","issues"}}` with its status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: unknown[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function toApiError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; issues?: unknown[] } } | null;
  return new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `Request failed (${res.status})`, body?.error?.issues);
}

interface Entry {
  etag: string;
  body: unknown;
  /** When the body was last confirmed by the server (200 or 304). */
  at: number;
  /** When the body itself arrived (its 200); a 304 leaves it alone. Absent in entries of older builds. */
  receivedAt?: number;
}

/** What the fetcher remembers of a URL: the body, when it was last confirmed and when it arrived. */
export interface RememberedBody<T> {
  body: T;
  at: number;
  receivedAt?: number;
}

export interface ConditionalFetcherOptions {
  userId: string;
  fetch?: typeof fetch;
  /** Persists entries for this tab (sessionStorage), so a reload inside the window reuses them. */
  storage?: Storage | null;
  now?: () => number;
  /** Extra headers on every request (the device id). */
  headers?: Record<string, string>;
  /** A request still unanswered after this long is abandoned (default REQUEST_TIMEOUT_MS). */
  timeoutMs?: number;
}

export const ETAG_PREFIX = 'pos:etag:';

/**
 * GETs JSON with `If-None-Match`. On 304 it returns the very object it returned before, so
 * TanStack Query's structural sharing sees no change and nothing re-renders. Entries belong to
 * one signed-in user: a fetcher is made per user and `clear()`ed when the user changes.
 */
export class ConditionalFetcher {
  private readonly entries = new Map<string, Entry>();
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly o: ConditionalFetcherOptions) {
    this.fetchImpl = o.fetch ?? ((...args) => fetch(...args));
    this.now = o.now ?? Date.now;
  }

  get userId(): string {
    return this.o.userId;
  }

  private storageKey(url: string): string {
    return `${ETAG_PREFIX}${this.o.userId}:${url}`;
  }

  /** The remembered body of `url`, when it was confirmed and when it arrived, without a request. */
  peek<T>(url: string): RememberedBody<T> | undefined {
    let entry = this.entries.get(url);
    if (!entry && this.o.storage) {
      try {
        const raw = this.o.storage.getItem(this.storageKey(url));
        if (raw) {
          entry = JSON.parse(raw) as Entry;
          this.entries.set(url, entry);
        }
      } catch {
        // Corrupt or blocked storage: behave as if nothing was remembered.
      }
    }
    return entry ? { body: entry.body as T, at: entry.at, receivedAt: entry.receivedAt } : undefined;
  }

  async get<T>(url: string, init: { signal?: AbortSignal } = {}): Promise<T> {
    return withDeadline(this.o.timeoutMs ?? REQUEST_TIMEOUT_MS, url, init.signal, (signal) => this.request<T>(url, signal));
  }

  private async request<T>(url: string, signal: AbortSignal): Promise<T> {
    const known = this.peek<T>(url) ? this.entries.get(url) : undefined;
    const headers: Record<string, string> = { Accept: 'application/json', ...this.o.headers };
    if (known) headers['If-None-Match'] = known.etag;
    const res = await this.fetchImpl(url, { headers, signal, credentials: 'same-origin', cache: 'no-store' });
    const receivedAt = this.now();
    if (res.status === 304 && known) {
      known.at = this.now();
      this.persist(url, known);
      return known.body as T;
    }
    if (!res.ok) throw await toApiError(res);
    const body = (await res.json()) as T;
    const etag = res.headers.get('etag');
    if (etag) {
      const entry = { etag, body, at: receivedAt, receivedAt };
      this.entries.set(url, entry);
      this.persist(url, entry);
    } else {
      this.forget(url);
    }
    return body;
  }

  forget(url: string): void {
    this.entries.delete(url);
    try {
      this.o.storage?.removeItem(this.storageKey(url));
    } catch {
      // Nothing to forget.
    }
  }

  /** Drops every remembered ETag and body (sign-out, user change). */
  clear(): void {
    this.entries.clear();
    clearPersistedEtags(this.o.storage ?? null);
  }

  private persist(url: string, entry: Entry): void {
    try {
      this.o.storage?.setItem(this.storageKey(url), JSON.stringify(entry));
    } catch {
      // Quota exceeded: the in-memory entry still saves bytes for this page's life.
    }
  }
}

/** Removes every persisted entry of every user from `storage`. */
export function clearPersistedEtags(storage: Storage | null): void {
  removeKeys(storage, (key) => key.startsWith(ETAG_PREFIX));
}
