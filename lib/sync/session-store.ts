import { clearPersistedEtags } from './conditional-fetch';
import type { LastFetchStore } from './refresher';

const LAST_PREFIX = 'pos:last-fetch:';

/** The last-fetch time of one query of one user, kept in this tab's sessionStorage across reloads. */
export function lastFetchStore(storage: Storage | null, userId: string, refreshKey: string, queryHash: string): LastFetchStore {
  const key = `${LAST_PREFIX}${userId}:${refreshKey}:${queryHash}`;
  let memory: number | null = null;
  return {
    get() {
      const raw = storage?.getItem(key);
      const stored = raw ? Number(raw) : null;
      // This page's own fetch wins: sessionStorage is shared by every page in the tab's history, and a
      // page restored from the back/forward cache must not count another page's fetch as its own.
      return memory ?? (stored !== null && Number.isFinite(stored) ? stored : null);
    },
    set(at) {
      memory = at;
      try {
        storage?.setItem(key, String(at));
      } catch {
        // Memory still holds it for this page.
      }
    },
  };
}

/** Removes what any other user left in this tab's storage (same tab, new sign-in). */
export function forgetOtherUsers(storage: Storage | null, userId: string): void {
  if (!storage) return;
  const mine = [`${LAST_PREFIX}${userId}:`, `pos:etag:${userId}:`];
  try {
    for (let i = storage.length - 1; i >= 0; i--) {
      const key = storage.key(i);
      if (!key || !(key.startsWith(LAST_PREFIX) || key.startsWith('pos:etag:'))) continue;
      if (!mine.some((p) => key.startsWith(p))) storage.removeItem(key);
    }
  } catch {
    // Blocked storage holds nothing.
  }
}

/** Signing out: nothing of this user may stay in the tab. */
export function forgetEverything(storage: Storage | null): void {
  clearPersistedEtags(storage);
  if (!storage) return;
  try {
    for (let i = storage.length - 1; i >= 0; i--) {
      const key = storage.key(i);
      if (key?.startsWith(LAST_PREFIX)) storage.removeItem(key);
    }
  } catch {
    // Blocked storage holds nothing.
  }
}
