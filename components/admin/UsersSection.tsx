'use client';

import { Search } from 'lucide-react';
import { useId, useState } from 'react';
import type { AdminUser, AdminUserPatch, UserRole } from '@/lib/shared/schemas/admin';
import { useFormats } from '@/lib/sync/use-formats';

/** A change that waits for the admin's yes: a role, or the account deleted. */
export type PendingChange = { kind: 'role'; user: AdminUser; role: UserRole } | { kind: 'delete'; user: AdminUser };

const ROLE_EFFECT: Record<UserRole, string> = {
  admin: 'Admins see every account, change roles, disable and delete accounts, and publish terms.',
  user: 'They lose the admin page at once.',
};

function Confirm({ change, busy, onConfirm, onCancel }: { change: PendingChange; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { email } = change.user;
  const [question, detail, action] =
    change.kind === 'role'
      ? [`Make ${email} ${change.role === 'admin' ? 'an admin' : 'a user'}?`, ROLE_EFFECT[change.role], change.role === 'admin' ? 'Make admin' : 'Make user']
      : [
          `Delete ${email} and all their data?`,
          'Every task, habit, session, key and device of theirs goes, and they are signed out everywhere. This cannot be undone.',
          'Delete account',
        ];
  return (
    <tr data-testid="admin-user-confirm">
      <td colSpan={5} className="pb-3">
        <div role="group" aria-label={question} className="rounded-lg border border-stone-200 bg-stone-50 p-3 text-sm">
          <p className="font-medium text-stone-900">{question}</p>
          <p className="mt-1 text-stone-700">{detail}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              className={change.kind === 'delete' ? 'btn-primary bg-red-700 hover:bg-red-800' : 'btn-primary'}
              onClick={onConfirm}
              disabled={busy}
            >
              {action}
            </button>
            <button type="button" className="btn-ghost" onClick={onCancel} autoFocus>
              Cancel
            </button>
          </div>
        </div>
      </td>
    </tr>
  );
}

function UserRow({
  user,
  isSelf,
  busy,
  onChange,
  onAsk,
}: {
  user: AdminUser;
  isSelf: boolean;
  busy: boolean;
  onChange: (patch: AdminUserPatch) => void;
  onAsk: (change: PendingChange) => void;
}) {
  const disabled = user.disabledAt !== null;
  const format = useFormats();
  return (
    <tr data-testid="admin-user" data-email={user.email} className={disabled ? 'text-stone-500' : undefined}>
      <td className="py-2 pr-3">
        <p className="font-medium text-stone-900">
          {user.name}
          {isSelf ? <span className="ml-2 text-xs font-normal text-stone-600">(you)</span> : null}
        </p>
        <p className="break-all text-xs text-stone-600">{user.email}</p>
      </td>
      <td className="py-2 pr-3">
        <select
          className="input w-28 py-1"
          aria-label={`Role of ${user.email}`}
          value={user.role}
          disabled={isSelf || busy}
          onChange={(e) => onAsk({ kind: 'role', user, role: e.target.value as UserRole })}
        >
          <option value="user">User</option>
          <option value="admin">Admin</option>
        </select>
      </td>
      <td className="py-2 pr-3" data-testid="admin-user-status">
        {disabled ? 'Disabled' : 'Active'}
      </td>
      <td className="hidden py-2 pr-3 text-stone-600 sm:table-cell">{format.day(user.createdAt)}</td>
      <td className="py-2 text-right">
        <div className="flex justify-end gap-1">
          <button
            type="button"
            className="btn-ghost px-2 py-1"
            disabled={isSelf || busy}
            aria-label={`${disabled ? 'Enable' : 'Disable'} ${user.email}`}
            onClick={() => onChange({ disabled: !disabled })}
          >
            {disabled ? 'Enable' : 'Disable'}
          </button>
          <button
            type="button"
            className="btn-ghost px-2 py-1 text-red-700"
            disabled={isSelf || busy}
            aria-label={`Delete ${user.email}`}
            onClick={() => onAsk({ kind: 'delete', user })}
          >
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}

/**
 * Users of the server: search by email or name, a page at a time; change a role or delete an account
 * after a confirmation that says what it does; disable or enable one (never one's own).
 */
export function UsersSection({
  users,
  matched,
  total,
  search,
  onSearch,
  selfId,
  busy,
  loading,
  more,
  message,
  onChange,
  onConfirm,
}: {
  users: AdminUser[] | undefined;
  matched: number;
  total: number;
  search: string;
  onSearch: (q: string) => void;
  selfId: string;
  busy: boolean;
  loading: boolean;
  more: { hasMore: boolean; loading: boolean; loadMore: () => void };
  message: string | null;
  onChange: (id: string, patch: AdminUserPatch) => void;
  onConfirm: (change: PendingChange) => void;
}) {
  const id = useId();
  const [pending, setPending] = useState<PendingChange | null>(null);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          Users
        </h2>
        {users ? (
          <p className="text-sm text-stone-600" data-testid="admin-users-count">
            {users.length < matched ? `${users.length} shown of ` : ''}
            {matched} of {total}
          </p>
        ) : null}
      </div>
      <div className="relative mt-3">
        <Search className="pointer-events-none absolute left-3 top-1/2 h-4 w-4 -translate-y-1/2 text-stone-500" aria-hidden />
        <input
          type="search"
          className="input pl-9"
          aria-label="Search users by email or name"
          placeholder="Search by email or name"
          value={search}
          onChange={(e) => onSearch(e.target.value)}
        />
      </div>
      {message ? (
        <p role="status" className="mt-3 text-sm text-green-800" data-testid="admin-users-message">
          {message}
        </p>
      ) : null}
      {/* Focusable, so a keyboard can scroll a table wider than a phone (axe: scrollable-region-focusable). */}
      <div
        className="mt-3 overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-500"
        tabIndex={0}
        role="region"
        aria-label="Users"
        aria-busy={loading || undefined}
      >
        {users && users.length > 0 ? (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-stone-600">
              <tr>
                {['User', 'Role', 'Status'].map((column) => (
                  <th key={column} className="py-2 pr-3 font-medium">
                    {column}
                  </th>
                ))}
                <th className="hidden py-2 pr-3 font-medium sm:table-cell">Joined</th>
                <th className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {users.flatMap((u) => [
                <UserRow key={u.id} user={u} isSelf={u.id === selfId} busy={busy} onChange={(patch) => onChange(u.id, patch)} onAsk={setPending} />,
                pending?.user.id === u.id ? (
                  <Confirm
                    key={`${u.id}-confirm`}
                    change={pending}
                    busy={busy}
                    onCancel={() => setPending(null)}
                    onConfirm={() => {
                      onConfirm(pending);
                      setPending(null);
                    }}
                  />
                ) : null,
              ])}
            </tbody>
          </table>
        ) : users ? (
          <p className="py-4 text-center text-sm text-stone-600" data-testid="admin-users-empty">
            No user matches “{search.trim()}”.
          </p>
        ) : (
          <div className="h-24 animate-pulse rounded-lg bg-stone-100" />
        )}
      </div>
      {more.hasMore ? (
        <button type="button" className="btn-secondary mt-3" onClick={more.loadMore} disabled={more.loading}>
          {more.loading ? 'Loading…' : 'Show more users'}
        </button>
      ) : null}
    </section>
  );
}
