import type { AdminDeviceTokenList } from '@/lib/shared/schemas/device-tokens';
import type { AdminUserList, SyncMetrics, TermsVersionList } from '@/lib/shared/schemas/admin';
import { defineResource, itemUrl } from './resource';

export const ADMIN_TERMS_URL = '/api/admin/terms';
const ADMIN_USERS_URL = '/api/admin/users';
/** The users list for a search; later pages add `cursor` (use-more-pages). */
export const adminUsersUrl = (q: string) => (q ? `${ADMIN_USERS_URL}?q=${encodeURIComponent(q)}` : ADMIN_USERS_URL);

export const adminUsers = defineResource<AdminUserList, [search: string]>({
  key: ['admin', 'users'],
  url: adminUsersUrl,
  contract: 'admin',
  scopes: ['admin'],
});
export const adminTerms = defineResource<TermsVersionList>({
  key: ['admin', 'terms'],
  url: () => ADMIN_TERMS_URL,
  contract: 'admin',
  scopes: ['admin', 'terms'],
});
export const adminMetrics = defineResource<SyncMetrics>({ key: ['admin', 'metrics'], url: () => '/api/admin/metrics', contract: 'admin', scopes: ['admin'] });
export const adminDeviceTokens = defineResource<AdminDeviceTokenList, [state: string]>({
  key: ['admin', 'device-tokens'],
  url: (state) => `/api/admin/device-tokens?state=${encodeURIComponent(state)}`,
  contract: 'admin',
  scopes: ['admin'],
});

export const adminUserUrl = (id: string) => itemUrl(ADMIN_USERS_URL, id);
