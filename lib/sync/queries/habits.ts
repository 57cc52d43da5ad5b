import type { RefreshKey } from '../contracts';

export const HABITS_REFRESH_KEY: RefreshKey = 'habits';
export const HABITS_URL = '/api/habits';

/** Every habit query is keyed by the signed-in user, so no two users ever share a cache entry. */
export const habitKeys = {
  all: (userId: string) => ['habits', userId] as const,
  list: (userId: string) => ['habits', userId, 'list'] as const,
};

export const habitUrl = (id: string, action: '' | '/log' = '') => `${HABITS_URL}/${encodeURIComponent(id)}${action}`;
