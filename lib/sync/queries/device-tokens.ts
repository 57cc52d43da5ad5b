import type { RefreshKey } from '../contracts';

/**
 * No contract is written for Settings; mood's is the closest fit: fetch on mount, 1 min staleness,
 * refetch on focus after a minute away. Tokens change when a device registers or a push goes out,
 * and nobody watches the list live. A mood change also revalidates it — one cheap 304.
 */
export const DEVICE_TOKENS_REFRESH_KEY: RefreshKey = 'mood';
export const DEVICE_TOKENS_URL = '/api/device-tokens';

/** Keyed by the signed-in user, so no two users ever share a cache entry. */
export const deviceTokenKeys = {
  list: (userId: string) => ['device-tokens', userId, 'list'] as const,
};
