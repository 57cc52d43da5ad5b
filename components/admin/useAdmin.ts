'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { AdminDeviceTokenList, AdminDeviceTokensQuery } from '@/lib/shared/schemas/device-tokens';
import type { AdminUser, AdminUserList, AdminUserPatch, SyncMetrics, TermsPublishInput, TermsVersionList, TermsVersionView } from '@/lib/shared/schemas/admin';
import { sendJson } from '@/lib/sync/api';
import { useSyncEnv } from '@/lib/sync/provider';
import { ADMIN_METRICS_URL, ADMIN_REFRESH_KEY, ADMIN_TERMS_URL, adminDeviceTokensUrl, adminKeys, adminUserUrl, adminUsersUrl } from '@/lib/sync/queries/admin';
import { showToast } from '@/lib/sync/toast';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';

/**
 * The admin page's data under the admin contract: fetched on mount, then only when the admin
 * asks (Refresh, a new search, or a write of their own) — never polled, never on focus.
 */
export function useAdmin(search: string, tokenState: AdminDeviceTokensQuery['state']) {
  const { userId, deviceId } = useSyncEnv();
  const client = useQueryClient();
  const usersKey = useMemo(() => adminKeys.userSearch(userId, search), [userId, search]);
  const termsKey = useMemo(() => adminKeys.terms(userId), [userId]);
  const metricsKey = useMemo(() => adminKeys.metrics(userId), [userId]);
  const users = useSyncedQuery<AdminUserList>({ refreshKey: ADMIN_REFRESH_KEY, queryKey: usersKey, url: adminUsersUrl(search) });
  const terms = useSyncedQuery<TermsVersionList>({ refreshKey: ADMIN_REFRESH_KEY, queryKey: termsKey, url: ADMIN_TERMS_URL });
  const metrics = useSyncedQuery<SyncMetrics>({ refreshKey: ADMIN_REFRESH_KEY, queryKey: metricsKey, url: ADMIN_METRICS_URL });
  const tokensKey = useMemo(() => adminKeys.deviceTokens(userId, tokenState), [userId, tokenState]);
  const deviceTokens = useSyncedQuery<AdminDeviceTokenList>({ refreshKey: ADMIN_REFRESH_KEY, queryKey: tokensKey, url: adminDeviceTokensUrl(tokenState) });

  const updateUser = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: AdminUserPatch }) => sendJson<AdminUser>('PATCH', adminUserUrl(id), deviceId, patch),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.users(userId) }),
    onError: (error) => showToast(`Could not change the account: ${error.message}`),
  });
  const publishTerms = useMutation({
    mutationFn: (input: TermsPublishInput) => sendJson<TermsVersionView>('POST', ADMIN_TERMS_URL, deviceId, input),
    onSuccess: () => client.invalidateQueries({ queryKey: termsKey, exact: true }),
  });

  const refresh = () => Promise.all([users.refetch(), terms.refetch(), metrics.refetch(), deviceTokens.refetch()]);
  return { users, terms, metrics, deviceTokens, updateUser, publishTerms, refresh };
}
