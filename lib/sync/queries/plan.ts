import type { RefreshKey } from '../contracts';

export const PLAN_REFRESH_KEY: RefreshKey = 'daily-plan';
export const PLAN_TODAY_URL = '/api/plan/today';
export const PLAN_GENERATE_URL = '/api/plan/today/generate';

/** Every plan query is keyed by the signed-in user, so no two users ever share a cache entry. */
export const planKeys = {
  all: (userId: string) => ['plan', userId] as const,
  today: (userId: string) => ['plan', userId, 'today'] as const,
};

export const planItemCompleteUrl = (id: string) => `/api/plan/items/${encodeURIComponent(id)}/complete`;
