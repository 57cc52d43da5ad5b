'use client';

import { tokenStateLabel } from '@/lib/shared/device-tokens';
import type { DeviceTokenList, DeviceTokenView } from '@/lib/shared/schemas/device-tokens';
import { deviceTokenList } from '@/lib/sync/resources/settings';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';
import { useFormats } from '@/lib/sync/use-formats';
import { LoadFailed } from '../shell/LoadFailed';

const PLATFORM: Record<DeviceTokenView['platform'], string> = { ios: 'iPhone / iPad', macos: 'Mac' };

function TokenRow({ token }: { token: DeviceTokenView }) {
  const format = useFormats();
  const active = token.state === 'active';
  return (
    <li className="py-2 text-sm" data-testid="device-token">
      <div className="flex items-center justify-between gap-2">
        <span className="font-medium">
          {PLATFORM[token.platform]} <span className="font-mono text-xs text-stone-500">{token.token}</span>
        </span>
        <span className={active ? 'text-emerald-700' : 'text-stone-500'}>{tokenStateLabel(token)}</span>
      </div>
      <p className="text-xs text-stone-500">
        {token.environment === 'dev' ? 'Sandbox · ' : ''}
        Last push {token.lastPushAt === null ? 'never' : format.dateTime(token.lastPushAt)}
        {token.lastOutcome ? ` · ${token.lastOutcome}` : ''} · {token.pushCount} sent
      </p>
    </li>
  );
}

/** The devices this account wakes with silent pushes, and how the last push to each went. */
export function DeviceTokens() {
  const query = useSyncedQuery<DeviceTokenList>(useResource(deviceTokenList));

  if (query.isPending) return <div className="card h-24 animate-pulse" aria-busy="true" />;
  if (query.isError) {
    return <LoadFailed what="your devices" onRetry={query.refetch} />;
  }
  const { tokens } = query.data;
  return (
    <section className="card" aria-label="Push devices">
      <h2 className="text-lg font-semibold">Devices woken by push</h2>
      {tokens.length === 0 ? (
        <p className="mt-2 text-sm text-stone-500">No iPhone, iPad or Mac has registered for pushes yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-stone-100">
          {tokens.map((t) => (
            <TokenRow key={t.id} token={t} />
          ))}
        </ul>
      )}
    </section>
  );
}
