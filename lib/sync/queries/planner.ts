import type { RefreshKey } from '../contracts';

export const PLANNER_REFRESH_KEY: RefreshKey = 'planner';

/** Every planner query is keyed by the signed-in user, so no two users ever share a cache entry. */
export const plannerKeys = {
  all: (userId: string) => ['planner', userId] as const,
  events: (userId: string, from: number, to: number) => ['planner', userId, 'events', from, to] as const,
};

export const plannerEventsUrl = (from: number, to: number) => `/api/planner/events?from=${from}&to=${to}`;
export const PLANNER_EVENTS_URL = '/api/planner/events';
export const plannerEventUrl = (id: string) => `/api/planner/events/${encodeURIComponent(id)}`;
