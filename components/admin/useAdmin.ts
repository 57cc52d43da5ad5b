'use client';

import { useSWRConfig } from 'swr';
import useSWRMutation from 'swr/mutation';
import type { AdminDeviceTokensQuery } from '@/lib/shared/schemas/device-tokens';
import type { AdminUser, AdminUserPatch, TermsPublishInput, TermsVersionView } from '@/lib/shared/schemas/admin';
import { sendJson } from '@/lib/sync/api';
import { hashQueryKey } from '@/lib/sync/env';
import { useSyncEnv } from '@/lib/sync/provider';
import { ADMIN_TERMS_URL, adminDeviceTokens, adminMetrics, adminTerms, adminUsers, adminUserUrl } from '@/lib/sync/resources/admin';
import { showToast } from '@/lib/sync/toast';
import { useResource } from '@/lib/sync/use-resource';
import { useSyncedSWR } from '@/lib/sync/use-synced-swr';

/**
 * The admin page's data under the admin contract, on the SWR binding: fetched on mount, then only
 * when the admin asks (Refresh, a new search, or a write of their own) — never polled, never on focus.
 */
export function useAdmin(search: string, tokenState: AdminDeviceTokensQuery['state']) {
  const { userId, deviceId } = useSyncEnv();
  const { mutate } = useSWRConfig();
  const users = useSyncedSWR(useResource(adminUsers, search));
  const terms = useSyncedSWR(useResource(adminTerms));
  const metrics = useSyncedSWR(useResource(adminMetrics));
  const deviceTokens = useSyncedSWR(useResource(adminDeviceTokens, tokenState));
  const termsKey = hashQueryKey(adminTerms(userId).queryKey);

  // A changed account shows in every search: revalidate them all (the binding's keys are the queries' hashes).
  const everySearch = hashQueryKey(adminUsers.prefix(userId)).slice(0, -1);
  const updateUser = useSWRMutation(
    everySearch,
    (_key: string, { arg }: { arg: { id: string; patch: AdminUserPatch } }) => sendJson<AdminUser>('PATCH', adminUserUrl(arg.id), deviceId, arg.patch),
    {
      revalidate: false,
      throwOnError: false,
      onSuccess: () => void mutate((key) => typeof key === 'string' && key.startsWith(everySearch)),
      onError: (error: Error) => showToast(`Could not change the account: ${error.message}`),
    },
  );
  const deleteUser = useSWRMutation(
    everySearch,
    (_key: string, { arg }: { arg: { id: string } }) => sendJson<{ deleted: true }>('DELETE', adminUserUrl(arg.id), deviceId),
    {
      revalidate: false,
      throwOnError: false,
      onSuccess: () => void mutate((key) => typeof key === 'string' && key.startsWith(everySearch)),
      onError: (error: Error) => showToast(`Could not delete the account: ${error.message}`),
    },
  );
  const publishTerms = useSWRMutation(termsKey, (_key: string, { arg }: { arg: TermsPublishInput }) =>
    sendJson<TermsVersionView>('POST', ADMIN_TERMS_URL, deviceId, arg),
  );

  const refresh = () => Promise.all([users.mutate(), terms.mutate(), metrics.mutate(), deviceTokens.mutate()]);
  return { users, terms, metrics, deviceTokens, updateUser, deleteUser, publishTerms, refresh };
}
