'use client';

import { useId } from 'react';
import { tokenStateLabel } from '@/lib/shared/device-tokens';
import type { AdminDeviceTokenList, AdminDeviceTokensQuery } from '@/lib/shared/schemas/device-tokens';
import { useFormats } from '@/lib/sync/use-formats';

type TokenState = AdminDeviceTokensQuery['state'];

const PLATFORM = { ios: 'iOS', macos: 'macOS' } as const;

/** Every APNs device token on the server: whose, its state (and why disabled), and how its last push went. */
export function DeviceTokensSection({
  list,
  state,
  onState,
}: {
  list: AdminDeviceTokenList | undefined;
  state: TokenState;
  onState: (state: TokenState) => void;
}) {
  const filterId = useId();
  const format = useFormats();
  return (
    <section className="card" aria-labelledby="admin-tokens-title">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h2 id="admin-tokens-title" className="font-semibold">
            Push device tokens
          </h2>
          {list ? (
            <p className="text-xs text-stone-500" data-testid="admin-token-counts">
              {list.counts.active} active · {list.counts.disabled} disabled
            </p>
          ) : null}
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor={filterId} className="text-sm text-stone-600">
            Show
          </label>
          <select id={filterId} className="input w-32 py-1" value={state} onChange={(e) => onState(e.target.value as TokenState)}>
            <option value="all">All</option>
            <option value="active">Active</option>
            <option value="disabled">Disabled</option>
          </select>
        </div>
      </div>
      {!list ? (
        <div className="mt-3 h-24 animate-pulse rounded-lg bg-stone-100" aria-busy="true" />
      ) : list.tokens.length === 0 ? (
        <p className="mt-3 text-sm text-stone-500">{state === 'all' ? 'No device has registered for pushes yet.' : `No ${state} tokens.`}</p>
      ) : (
        <div className="mt-3 overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-500" tabIndex={0} role="region" aria-label="Device tokens">
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-stone-500">
              <tr>
                {['Account', 'Device', 'State', 'Last push'].map((column) => (
                  <th key={column} className="py-1 pr-3 font-medium">
                    {column}
                  </th>
                ))}
                <th className="hidden py-1 font-medium md:table-cell">Sent</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {list.tokens.map((t) => (
                <tr key={t.id} data-testid="admin-device-token" data-email={t.userEmail}>
                  <td className="py-2 pr-3">{t.userEmail}</td>
                  <td className="py-2 pr-3">
                    {PLATFORM[t.platform]}
                    {t.environment === 'dev' ? ' (sandbox)' : ''} <span className="font-mono text-xs text-stone-500">{t.token}</span>
                  </td>
                  <td className={`py-2 pr-3 ${t.state === 'active' ? 'text-emerald-700' : 'text-stone-500'}`} data-testid="admin-token-state">
                    {tokenStateLabel(t)}
                  </td>
                  <td className="py-2 pr-3 text-stone-600">
                    {t.lastPushAt === null ? 'never' : format.dateTime(t.lastPushAt)}
                    {t.lastOutcome ? (
                      <span className="block text-xs text-stone-500">
                        {t.lastOutcome}
                        {t.lastError && t.lastError !== t.lastOutcome ? `: ${t.lastError}` : ''}
                      </span>
                    ) : null}
                  </td>
                  <td className="hidden py-2 md:table-cell">{t.pushCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
