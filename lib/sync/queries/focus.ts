import type { RefreshKey } from '../contracts';

export const FOCUS_REFRESH_KEY: RefreshKey = 'focus';
export const FOCUS_ACTIVE_URL = '/api/focus/active';

/** Every focus query is keyed by the signed-in user, so no two users ever share a cache entry. */
export const focusKeys = {
  all: (userId: string) => ['focus', userId] as const,
  active: (userId: string) => ['focus', userId, 'active'] as const,
  allSessions: (userId: string) => ['focus', userId, 'sessions'] as const,
  sessions: (userId: string, from: number, to: number) => ['focus', userId, 'sessions', from, to] as const,
};

export const focusSessionsUrl = (from: number, to: number) => `/api/focus/sessions?from=${from}&to=${to}`;
