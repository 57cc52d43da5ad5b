'use client';

import { useRef, useState, useSyncExternalStore } from 'react';
import { deviceTimeZone } from '@/lib/shared/timezone';
import { LabelledControl } from '../forms/LabelledControl';
import { TimeZoneOptions } from '../forms/TimeZoneOptions';

const noSubscription = () => () => {};

/**
 * The profile's time zone. When this device is set to another zone (a trip, a new laptop), a line
 * says so and offers it: picking it fills the select, and Save keeps it, as any other choice.
 * `deviceZone` is the browser's own unless given (tests); the server's render offers nothing, since
 * its zone is not the device's.
 */
export function TimeZoneField({ zones, current, deviceZone }: { zones: readonly string[]; current: string; deviceZone?: string }) {
  const browserZone = useSyncExternalStore(noSubscription, deviceTimeZone, () => null);
  const device = deviceZone ?? browserZone;
  const [chosen, setChosen] = useState(current);
  const select = useRef<HTMLSelectElement>(null);
  const offer = device && device !== chosen && zones.includes(device) ? device : null;

  function chooseDeviceZone(zone: string) {
    setChosen(zone);
    // The line and its button go once the zone is chosen: the focus moves to what changed.
    select.current?.focus();
  }

  return (
    <div>
      <LabelledControl id="timezone" label="Time zone" hint="Every page counts days and shows times in this zone, on all your devices.">
        <select
          ref={select}
          id="timezone"
          name="timezone"
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          className="input"
          aria-describedby="timezone-hint"
        >
          <TimeZoneOptions zones={zones} current={current} />
        </select>
      </LabelledControl>
      {offer && (
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-stone-700" data-testid="device-time-zone">
          <span>
            This device is set to <span className="font-medium">{offer}</span>.
          </span>
          <button type="button" className="btn-secondary" onClick={() => chooseDeviceZone(offer)}>
            Use {offer}
          </button>
        </p>
      )}
    </div>
  );
}
