'use client';

import { MonitorSmartphone } from 'lucide-react';
import { useState } from 'react';
import type { ConnectedDevice } from '@/lib/shared/realtime';
import { useFocusState } from '@/lib/sync/focus/FocusStateContext';
import { useSyncEnv } from '@/lib/sync/provider';

/** Lists the user's other connected devices (names they gave themselves) to hand the timer to. */
export function MoveTimer() {
  const { fetcher, deviceId } = useSyncEnv();
  const { move, pending, session } = useFocusState();
  const [devices, setDevices] = useState<ConnectedDevice[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function open() {
    setError(null);
    try {
      const { devices: all } = await fetcher.get<{ devices: ConnectedDevice[] }>('/api/realtime/devices');
      setDevices(all.filter((d) => d.deviceId !== deviceId));
    } catch {
      setError('Could not list your devices.');
    }
  }

  if (!session) return null;
  const here = session.deviceId === deviceId;
  return (
    <div className="mt-4 text-sm">
      <p className="text-stone-500" data-testid="focus-device">
        {here ? 'Running on this device' : 'Running on another device'}
      </p>
      {devices === null ? (
        <button type="button" className="btn-ghost mt-1" onClick={open}>
          <MonitorSmartphone className="h-4 w-4" aria-hidden /> Move to another device…
        </button>
      ) : devices.length === 0 ? (
        <p className="mt-1 text-stone-500">No other device is connected right now.</p>
      ) : (
        <ul className="mt-2 flex flex-wrap justify-center gap-2" aria-label="Connected devices">
          {devices.map((d) => (
            <li key={d.deviceId}>
              <button
                type="button"
                className="btn-secondary"
                disabled={pending}
                onClick={async () => {
                  if (await move(d.deviceId)) setDevices(null);
                }}
              >
                Move to {d.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <p role="alert" className="mt-1 text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
