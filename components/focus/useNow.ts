'use client';

import { useEffect, useState } from 'react';

/** Re-renders every `intervalMs` with the current time from `now` (a countdown derives from it). */
export function useNow(now: () => number, intervalMs = 500, active = true): number {
  const [value, setValue] = useState(now);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setValue(now()), intervalMs);
    return () => clearInterval(id);
  }, [now, intervalMs, active]);
  return value;
}
