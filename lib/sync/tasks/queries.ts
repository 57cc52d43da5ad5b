import type { RefreshKey } from '../contracts';

export const TASKS_REFRESH_KEY: RefreshKey = 'tasks';
export const TASKS_COUNTS_URL = '/api/tasks/counts';
export const PROFILE_URL = '/api/me';

/** Every tasks query is keyed by the signed-in user, so no two users ever share a cache entry. */
export const tasksKeys = {
  all: (userId: string) => ['tasks', userId] as const,
  counts: (userId: string) => ['tasks', userId, 'counts'] as const,
};

/** The settings page's key for GET /api/me: a time zone saved there shows on the tasks page at once. */
export const profileKey = (userId: string) => ['profile', userId] as const;
