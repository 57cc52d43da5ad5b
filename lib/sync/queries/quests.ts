import type { RefreshKey } from '../contracts';

export const QUESTS_REFRESH_KEY: RefreshKey = 'quests';
export const QUESTS_URL = '/api/quests';

/** Every quest query is keyed by the signed-in user, so no two users ever share a cache entry. */
export const questKeys = {
  all: (userId: string) => ['quests', userId] as const,
  list: (userId: string) => ['quests', userId, 'list'] as const,
};

export const questUrl = (id: string, action: '' | '/progress' | '/complete' | '/reopen' = '') => `${QUESTS_URL}/${encodeURIComponent(id)}${action}`;
