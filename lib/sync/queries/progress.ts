import type { RefreshKey } from '../contracts';

export const PROGRESS_REFRESH_KEY: RefreshKey = 'progress';
export const PROGRESS_URL = '/api/progress';

/** Every progress query is keyed by the signed-in user, so no two users ever share a cache entry. */
export const progressKeys = {
  all: (userId: string) => ['progress', userId] as const,
  summary: (userId: string) => ['progress', userId, 'summary'] as const,
};
