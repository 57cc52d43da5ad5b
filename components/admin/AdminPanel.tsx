'use client';

import { RefreshCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { AdminUserList } from '@/lib/shared/schemas/admin';
import type { AdminDeviceTokensQuery } from '@/lib/shared/schemas/device-tokens';
import { useSyncEnv } from '@/lib/sync/provider';
import { ContractsTable } from './ContractsTable';
import { DeviceTokensSection } from './DeviceTokensSection';
import { MetricsSection } from './MetricsSection';
import { TermsSection } from './TermsSection';
import { UsersSection } from './UsersSection';
import { useAdmin } from './useAdmin';

const SEARCH_DELAY_MS = 300;

/** Administration: users, terms versions, live metrics, push device tokens and the sync contracts. Refreshed only by hand (admin contract). */
export function AdminPanel() {
  const { userId } = useSyncEnv();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setQuery(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(id);
  }, [search]);
  const [tokenState, setTokenState] = useState<AdminDeviceTokensQuery['state']>('all');
  const { users, terms, metrics, deviceTokens, updateUser, publishTerms, refresh } = useAdmin(query, tokenState);
  const [refreshing, setRefreshing] = useState(false);

  // The last list stays on screen while a new search loads.
  const [shownUsers, setShownUsers] = useState<AdminUserList | undefined>(users.data);
  if (users.data && users.data !== shownUsers) setShownUsers(users.data);

  const failed = [users, terms, metrics, deviceTokens].find((q) => q.error);

  async function onRefresh() {
    setRefreshing(true);
    try {
      await refresh();
    } finally {
      setRefreshing(false);
    }
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-stone-600">This page never refreshes by itself.</p>
        <button type="button" className="btn-secondary" onClick={onRefresh} disabled={refreshing}>
          <RefreshCw className={`h-4 w-4 ${refreshing ? 'animate-spin' : ''}`} aria-hidden /> Refresh
        </button>
      </div>

      {failed ? (
        <div className="card" role="alert">
          <p className="text-sm text-red-700">Could not load the admin data: {failed.error?.message}</p>
        </div>
      ) : null}

      <UsersSection
        list={shownUsers}
        search={search}
        onSearch={setSearch}
        selfId={userId}
        busy={updateUser.isMutating}
        loading={users.isValidating}
        onChange={(id, patch) => void updateUser.trigger({ id, patch })}
      />
      <TermsSection list={terms.data} onPublish={(input) => publishTerms.trigger(input)} />
      <MetricsSection metrics={metrics.data} />
      <DeviceTokensSection list={deviceTokens.data} state={tokenState} onState={setTokenState} />
      <ContractsTable />
    </div>
  );
}
