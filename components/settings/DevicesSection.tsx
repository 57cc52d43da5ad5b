'use client';

import { MonitorSmartphone } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { DeviceView } from '@/lib/shared/schemas/native';
import { useFormats } from '@/lib/sync/use-formats';
import { useDevices } from './useNativeAccess';
import { Notice } from '../forms/LabelledControl';
import { ConfirmDelete } from '../shell/CardActions';
import { CardStatus } from '../shell/CardStatus';
import { ItemList } from '../shell/ItemList';
import { TitledCard } from '../shell/TitledCard';

type Mode = 'view' | 'renaming' | 'confirming';

function DeviceRow({ device, now, onRename, onRemove }: { device: DeviceView; now: number; onRename: (label: string) => void; onRemove: () => void }) {
  const [mode, setMode] = useState<Mode>('view');
  const format = useFormats();

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
            {device.platform} · added {format.day(device.createdAt)} · last seen {device.lastSeenAt === null ? 'never' : format.ago(device.lastSeenAt, now)}
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
        <ConfirmDelete
          className="mt-2"
          groupLabel={`Confirm removing ${device.label}`}
          question="It stops syncing until it is set up again."
          label="Remove device"
          onDelete={onRemove}
          onKeep={() => setMode('view')}
        />
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
    <TitledCard id="devices-title" icon={MonitorSmartphone} title="Devices" description="Apps register themselves here when you set them up with an API key.">
      <CardStatus query={query} what="your devices">
        {({ devices }) => (
          <ItemList items={devices} label="Devices" empty="No devices yet.">
            {(d) => <DeviceRow key={d.id} device={d} now={now} onRename={(label) => rename.mutate({ id: d.id, label })} onRemove={() => remove.mutate(d.id)} />}
          </ItemList>
        )}
      </CardStatus>
      {others.length > 0 ? <p className="text-xs text-stone-500">Also connected now: {others.map((c) => c.label).join(', ')}.</p> : null}
      <Notice role="alert" className="text-sm text-red-600">
        {(rename.error ?? remove.error)?.message}
      </Notice>
    </TitledCard>
  );
}
