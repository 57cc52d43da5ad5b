'use client';

import { useEffect, useState } from 'react';

/** Events after which the last tick is old: a hidden tab's timers are throttled, a frozen one's stopped. */
const WAKE_EVENTS = ['visibilitychange', 'resume', 'pageshow'] as const;
const targetOf = (type: (typeof WAKE_EVENTS)[number]) => (type === 'visibilitychange' ? document : window);

/**
 * Re-renders every `intervalMs` with the current time from `now` (a countdown derives from it).
 * The render that starts the ticking reads the clock itself: a resumed timer must not show the
 * time it was paused at until the first interval passes. A page waking up (shown again, resumed)
 * ticks at once too.
 */
export function useNow(now: () => number, intervalMs = 500, active = true): number {
  const [tick, setTick] = useState(() => ({ value: now(), active }));
  let value = tick.value;
  if (tick.active !== active) {
    value = now();
    setTick({ value, active });
  }
  useEffect(() => {
    if (!active) return;
    const onTick = () => setTick({ value: now(), active });
    const id = setInterval(onTick, intervalMs);
    for (const type of WAKE_EVENTS) targetOf(type).addEventListener(type, onTick);
    return () => {
      clearInterval(id);
      for (const type of WAKE_EVENTS) targetOf(type).removeEventListener(type, onTick);
    };
  }, [now, intervalMs, active]);
  return value;
}
