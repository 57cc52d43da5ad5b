'use client';

import { Search } from 'lucide-react';
import { useId } from 'react';
import type { AdminUser, AdminUserList, AdminUserPatch, UserRole } from '@/lib/shared/schemas/admin';
import { formatDate } from './format';

function UserRow({ user, isSelf, busy, onChange }: { user: AdminUser; isSelf: boolean; busy: boolean; onChange: (patch: AdminUserPatch) => void }) {
  const disabled = user.disabledAt !== null;
  return (
    <tr data-testid="admin-user" data-email={user.email} className={disabled ? 'text-stone-500' : undefined}>
      <td className="py-2 pr-3">
        <p className="font-medium text-stone-900">
          {user.name}
          {isSelf ? <span className="ml-2 text-xs font-normal text-stone-500">(you)</span> : null}
        </p>
        <p className="break-all text-xs text-stone-500">{user.email}</p>
      </td>
      <td className="py-2 pr-3">
        <select
          className="input w-28 py-1"
          aria-label={`Role of ${user.email}`}
          value={user.role}
          disabled={isSelf || busy}
          onChange={(e) => onChange({ role: e.target.value as UserRole })}
        >
          <option value="user">User</option>
          <option value="admin">Admin</option>
        </select>
      </td>
      <td className="py-2 pr-3" data-testid="admin-user-status">
        {disabled ? 'Disabled' : 'Active'}
      </td>
      <td className="hidden py-2 pr-3 text-stone-500 sm:table-cell">{formatDate(user.createdAt)}</td>
      <td className="py-2 text-right">
        <button
          type="button"
          className="btn-ghost px-2 py-1"
          disabled={isSelf || busy}
          aria-label={`${disabled ? 'Enable' : 'Disable'} ${user.email}`}
          onClick={() => onChange({ disabled: !disabled })}
        >
          {disabled ? 'Enable' : 'Disable'}
        </button>
      </td>
    </tr>
  );
}

/** Users of the server: search by email or name, change a role, disable or enable an account (never one's own). */
export function UsersSection({
  list,
  search,
  onSearch,
  selfId,
  busy,
  loading,
  onChange,
}: {
  list: AdminUserList | undefined;
  search: string;
  onSearch: (q: string) => void;
  selfId: string;
  busy: boolean;
  loading: boolean;
  onChange: (id: string, patch: AdminUserPatch) => void;
}) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={`${id}-title`} className="font-semibold">
          Users
        </h2>
        {list ? (
          <p className="text-sm text-stone-600" data-testid="admin-users-count">
            {list.matched} of {list.total}
          </p>
        ) : null}
      </div>
      <div className="relative mt-3">
        <Search className="pointer-events-none absolute left-3 top-1/2 h-4 w-4 -translate-y-1/2 text-stone-400" aria-hidden />
        <input
          type="search"
          className="input pl-9"
          aria-label="Search users by email or name"
          placeholder="Search by email or name"
          value={search}
          onChange={(e) => onSearch(e.target.value)}
        />
      </div>
      <div className="mt-3 overflow-x-auto" aria-busy={loading || undefined}>
        {list && list.users.length > 0 ? (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-stone-500">
              <tr>
                <th className="py-2 pr-3 font-medium">User</th>
                <th className="py-2 pr-3 font-medium">Role</th>
                <th className="py-2 pr-3 font-medium">Status</th>
                <th className="hidden py-2 pr-3 font-medium sm:table-cell">Joined</th>
                <th className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {list.users.map((u) => (
                <UserRow key={u.id} user={u} isSelf={u.id === selfId} busy={busy} onChange={(patch) => onChange(u.id, patch)} />
              ))}
            </tbody>
          </table>
        ) : list ? (
          <p className="py-4 text-center text-sm text-stone-600" data-testid="admin-users-empty">
            No user matches “{search.trim()}”.
          </p>
        ) : (
          <div className="h-24 animate-pulse rounded-lg bg-stone-100" />
        )}
      </div>
    </section>
  );
}
