import type { RefreshKey } from '../contracts';

export const ADMIN_REFRESH_KEY: RefreshKey = 'admin';
export const ADMIN_TERMS_URL = '/api/admin/terms';
export const ADMIN_METRICS_URL = '/api/admin/metrics';

/** Every admin query is keyed by the signed-in admin, so no two users ever share a cache entry. */
export const adminKeys = {
  all: (userId: string) => ['admin', userId] as const,
  users: (userId: string) => ['admin', userId, 'users'] as const,
  userSearch: (userId: string, q: string) => ['admin', userId, 'users', q] as const,
  terms: (userId: string) => ['admin', userId, 'terms'] as const,
  metrics: (userId: string) => ['admin', userId, 'metrics'] as const,
  deviceTokens: (userId: string, state: string) => ['admin', userId, 'device-tokens', state] as const,
};

export const adminDeviceTokensUrl = (state: string) => `/api/admin/device-tokens?state=${encodeURIComponent(state)}`;

export const adminUsersUrl = (q: string) => (q ? `/api/admin/users?q=${encodeURIComponent(q)}` : '/api/admin/users');
export const adminUserUrl = (id: string) => `/api/admin/users/${encodeURIComponent(id)}`;
