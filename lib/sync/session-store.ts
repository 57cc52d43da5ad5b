import { clearPersistedEtags } from './conditional-fetch';
import { LAST_FETCH_PREFIX } from './last-fetch';

/** Removes what any other user left in this tab's storage (same tab, new sign-in). */
export function forgetOtherUsers(storage: Storage | null, userId: string): void {
  if (!storage) return;
  const mine = [`${LAST_FETCH_PREFIX}${userId}:`, `pos:etag:${userId}:`];
  try {
    for (let i = storage.length - 1; i >= 0; i--) {
      const key = storage.key(i);
      if (!key || !(key.startsWith(LAST_FETCH_PREFIX) || key.startsWith('pos:etag:'))) continue;
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
      if (key?.startsWith(LAST_FETCH_PREFIX)) storage.removeItem(key);
    }
  } catch {
    // Blocked storage holds nothing.
  }
}
