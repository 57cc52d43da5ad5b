'use client';

import { useEffect, useState } from 'react';
import { localDay } from '@/lib/shared/days';

/** Today in `timeZone`, rechecked every minute: "today" and "overdue" move at local midnight without any write. */
export function useToday(timeZone: string): string {
  const [today, setToday] = useState(() => localDay(Date.now(), timeZone));
  useEffect(() => {
    const check = () => setToday(localDay(Date.now(), timeZone));
    check();
    const id = setInterval(check, 60_000);
    return () => clearInterval(id);
  }, [timeZone]);
  return today;
}
