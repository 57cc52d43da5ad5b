'use client';

import { RefreshCw } from 'lucide-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AdminUser, AdminUserList } from '@/lib/shared/schemas/admin';
import type { AdminDeviceTokensQuery } from '@/lib/shared/schemas/device-tokens';
import { useSyncEnv } from '@/lib/sync/provider';
import { adminUsersUrl } from '@/lib/sync/resources/admin';
import { useMorePages } from '@/lib/sync/use-more-pages';
import { DeviceTokensSection } from './DeviceTokensSection';
import { MetricsSection } from './MetricsSection';
import { TermsSection } from './TermsSection';
import { UsersSection, type PendingChange } from './UsersSection';
import { useAdmin } from './useAdmin';

const SEARCH_DELAY_MS = 300;

const userPage = (body: unknown) => ({ items: (body as AdminUserList).users, nextCursor: (body as AdminUserList).nextCursor });

/** What the admin is told once a confirmed change is done. */
function doneMessage(change: PendingChange): string {
  if (change.kind === 'delete') return `${change.user.email} and all their data were deleted.`;
  return `${change.user.email} is now ${change.role === 'admin' ? 'an admin' : 'a user'}.`;
}

/**
 * Administration: users, terms versions, live metrics, push device tokens and the sync contracts.
 * Refreshed only by hand (admin contract). The contracts' table is static: the server renders it
 * and hands it in (`contracts`), so its code and words stay out of the page's scripts (decision 072).
 */
export function AdminPanel({ contracts }: { contracts: ReactNode }) {
  const { userId } = useSyncEnv();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setQuery(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(id);
  }, [search]);
  const [tokenState, setTokenState] = useState<AdminDeviceTokensQuery['state']>('all');
  const { users, terms, metrics, deviceTokens, updateUser, deleteUser, publishTerms, refresh } = useAdmin(query, tokenState);
  const [message, setMessage] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);

  // The last list stays on screen while a new search loads.
  const [shownUsers, setShownUsers] = useState<AdminUserList | undefined>(users.data);
  if (users.data && users.data !== shownUsers) setShownUsers(users.data);
  const firstPage = useMemo(() => shownUsers && { items: shownUsers.users, nextCursor: shownUsers.nextCursor }, [shownUsers]);
  const more = useMorePages<AdminUser>(adminUsersUrl(query), firstPage, userPage);

  async function confirm(change: PendingChange) {
    setMessage(null);
    const done =
      change.kind === 'delete'
        ? await deleteUser.trigger({ id: change.user.id })
        : await updateUser.trigger({ id: change.user.id, patch: { role: change.role } });
    if (done) setMessage(doneMessage(change));
  }

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
        users={shownUsers ? more.items : undefined}
        matched={shownUsers?.matched ?? 0}
        total={shownUsers?.total ?? 0}
        search={search}
        onSearch={setSearch}
        selfId={userId}
        busy={updateUser.isMutating || deleteUser.isMutating}
        loading={users.isValidating}
        more={more}
        message={message}
        onChange={(id, patch) => {
          setMessage(null);
          void updateUser.trigger({ id, patch });
        }}
        onConfirm={(change) => void confirm(change)}
      />
      <TermsSection list={terms.data} onPublish={(input) => publishTerms.trigger(input)} />
      <MetricsSection metrics={metrics.data} />
      <DeviceTokensSection list={deviceTokens.data} state={tokenState} onState={setTokenState} />
      {contracts}
    </div>
  );
}
