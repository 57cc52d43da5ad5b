'use client';

import { useEffect, useRef } from 'react';
import type { FocusSessionView } from '@/lib/shared/focus';
import { elect } from '../leader';
import { useSyncEnv } from '../provider';
import { playChime } from './chime';
import { EndSignals } from './end-signal';
import { showNotification } from './notifications';
import { readFocusSettings } from './settings';

function localStorageOrNull(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** Every tab stands in the "timer end" election; the leader chimes (unless muted) and notifies at each 0:00. */
export function useEndSignals(session: FocusSessionView | null, serverNow: () => number): void {
  const env = useSyncEnv();
  const signals = useRef<EndSignals | null>(null);
  useEffect(() => {
    const created = new EndSignals({
      elect: (onChange) => elect(`pos-focus-end:${env.userId}`, onChange),
      lifecycle: env.lifecycle,
      clock: env.hiddenClock,
      storage: localStorageOrNull(),
      storageKey: `pos:focus-signalled:${env.userId}`,
      signal: (s) => {
        if (!readFocusSettings(env.userId).muted) playChime();
        showNotification(s);
      },
    });
    signals.current = created;
    return () => {
      created.dispose();
      signals.current = null;
    };
  }, [env]);
  // After the effect above, so a new runtime (a new env) hears of the session at once.
  useEffect(() => {
    signals.current?.update(session, serverNow);
  }, [env, session, serverNow]);
}
