import type { RefreshKey } from '../contracts';

export const MOOD_REFRESH_KEY: RefreshKey = 'mood';

/** Every mood query is keyed by the signed-in user, so no two users ever share a cache entry. */
export const moodKeys = {
  all: (userId: string) => ['mood', userId] as const,
  entries: (userId: string, from: number, to: number) => ['mood', userId, 'entries', from, to] as const,
  activities: (userId: string) => ['mood', userId, 'activities'] as const,
  assessments: (userId: string) => ['mood', userId, 'assessments'] as const,
  schedules: (userId: string) => ['mood', userId, 'schedules'] as const,
  dueCheckins: (userId: string) => ['mood', userId, 'checkins', 'due'] as const,
};

export const moodEntriesUrl = (from: number, to: number) => `/api/mood/entries?from=${from}&to=${to}`;
export const MOOD_ENTRIES_URL = '/api/mood/entries';
export const MOOD_ACTIVITIES_URL = '/api/mood/activities';
export const MOOD_ASSESSMENTS_URL = '/api/mood/assessments';
export const MOOD_SCHEDULES_URL = '/api/mood/schedules';
export const MOOD_DUE_CHECKINS_URL = '/api/mood/checkins/due';

export const moodItemUrl = (collectionUrl: string, id: string) => `${collectionUrl}/${encodeURIComponent(id)}`;
