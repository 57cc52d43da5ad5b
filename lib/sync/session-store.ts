import { clearPersistedEtags, ETAG_PREFIX } from './conditional-fetch';
import { LAST_FETCH_PREFIX } from './last-fetch';
import { removeKeys } from './storage-keys';

/** Removes what any other user left in this tab's storage (same tab, new sign-in). */
export function forgetOtherUsers(storage: Storage | null, userId: string): void {
  const mine = [`${LAST_FETCH_PREFIX}${userId}:`, `${ETAG_PREFIX}${userId}:`];
  removeKeys(storage, (key) => (key.startsWith(LAST_FETCH_PREFIX) || key.startsWith(ETAG_PREFIX)) && !mine.some((p) => key.startsWith(p)));
}

/** Signing out: nothing of this user may stay in the tab. */
export function forgetEverything(storage: Storage | null): void {
  clearPersistedEtags(storage);
  removeKeys(storage, (key) => key.startsWith(LAST_FETCH_PREFIX));
}
