'use client';

import { MonitorSmartphone } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { DeviceView } from '@/lib/shared/schemas/native';
import { formatAgo, formatDate } from './format';
import { useDevices } from './useNativeAccess';
import { CardStatus } from '../shell/CardStatus';

type Mode = 'view' | 'renaming' | 'confirming';

function DeviceRow({ device, now, onRename, onRemove }: { device: DeviceView; now: number; onRename: (label: string) => void; onRemove: () => void }) {
  const [mode, setMode] = useState<Mode>('view');

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onRename(String(new FormData(e.currentTarget).get('label')).trim());
    setMode('view');
  }

  return (
    <li className="py-3" data-testid="device-row" data-device-id={device.id}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="min-w-0">
          <p className="flex items-center gap-2 font-medium">
            {device.label}
            {device.connected ? (
              <span className="inline-flex items-center gap-1 text-xs font-normal text-green-700" data-testid="device-connected">
                <span className="h-2 w-2 rounded-full bg-green-500" aria-hidden /> connected now
              </span>
            ) : null}
          </p>
          <p className="text-xs text-stone-500">
            {device.platform} · added {formatDate(device.createdAt)} · last seen {formatAgo(device.lastSeenAt, now)}
          </p>
        </div>
        {mode === 'view' ? (
          <div className="flex gap-1">
            <button type="button" className="btn-ghost" onClick={() => setMode('renaming')} aria-label={`Rename ${device.label}`}>
              Rename
            </button>
            <button type="button" className="btn-ghost text-red-700" onClick={() => setMode('confirming')} aria-label={`Remove ${device.label}`}>
              Remove
            </button>
          </div>
        ) : null}
      </div>
      {mode === 'renaming' ? (
        <form onSubmit={submit} className="mt-2 flex flex-wrap items-center gap-2">
          <label htmlFor={`device-label-${device.id}`} className="sr-only">
            New name for {device.label}
          </label>
          <input id={`device-label-${device.id}`} name="label" defaultValue={device.label} required maxLength={100} className="input max-w-xs" autoFocus />
          <button type="submit" className="btn-primary">
            Save
          </button>
          <button type="button" className="btn-ghost" onClick={() => setMode('view')}>
            Cancel
          </button>
        </form>
      ) : null}
      {mode === 'confirming' ? (
        <div className="mt-2 flex flex-wrap items-center gap-2" role="group" aria-label={`Confirm removing ${device.label}`}>
          <span className="text-sm">It stops syncing until it is set up again.</span>
          <button type="button" className="btn-danger" onClick={onRemove}>
            Remove device
          </button>
          <button type="button" className="btn-ghost" onClick={() => setMode('view')} autoFocus>
            Keep
          </button>
        </div>
      ) : null}
    </li>
  );
}

/** The devices that sync with this account: rename, remove, last seen, connected now. */
export function DevicesSection() {
  const { query, rename, remove } = useDevices();
  // Relative to when the list was fetched: the times are kept to the minute and refetched at least as often.
  const now = query.dataUpdatedAt;
  const others = query.data?.otherConnections ?? [];

  return (
    <section className="card space-y-3" aria-labelledby="devices-title">
      <div>
        <h2 id="devices-title" className="flex items-center gap-2 text-lg font-semibold">
          <MonitorSmartphone className="h-5 w-5" aria-hidden /> Devices
        </h2>
        <p className="mt-1 text-sm text-stone-600">Apps register themselves here when you set them up with an API key.</p>
      </div>
      <CardStatus query={query} what="your devices">
        {({ devices }) =>
          devices.length === 0 ? (
            <p className="text-sm text-stone-500">No devices yet.</p>
          ) : (
            <ul className="divide-y divide-stone-100" aria-label="Devices">
              {devices.map((d) => (
                <DeviceRow key={d.id} device={d} now={now} onRename={(label) => rename.mutate({ id: d.id, label })} onRemove={() => remove.mutate(d.id)} />
              ))}
            </ul>
          )
        }
      </CardStatus>
      {others.length > 0 ? <p className="text-xs text-stone-500">Also connected now: {others.map((c) => c.label).join(', ')}.</p> : null}
      {rename.isError || remove.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {(rename.error ?? remove.error)?.message}
        </p>
      ) : null}
    </section>
  );
}
