import type { RefreshKey } from '../contracts';

// Settings has no contract of its own; 'mood' is the closest: fetch on mount, 1 min staleness and a
// refetch on focus after a minute away, which keeps "last seen" (kept to the minute) and "connected
// now" honest. The price is a conditional refetch (usually a 304) when a mood change is nudged.
export const SETTINGS_REFRESH_KEY: RefreshKey = 'mood';

export const API_KEYS_URL = '/api/api-keys';
export const DEVICES_URL = '/api/devices';

/** Every settings query is keyed by the signed-in user, so no two users ever share a cache entry. */
export const settingsKeys = {
  all: (userId: string) => ['settings', userId] as const,
  apiKeys: (userId: string) => ['settings', userId, 'api-keys'] as const,
  devices: (userId: string) => ['settings', userId, 'devices'] as const,
};

export const apiKeyUrl = (id: string) => `${API_KEYS_URL}/${encodeURIComponent(id)}`;
export const deviceUrl = (id: string) => `${DEVICES_URL}/${encodeURIComponent(id)}`;
