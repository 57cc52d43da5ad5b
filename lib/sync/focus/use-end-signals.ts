'use client';

import { useEffect, useRef } from 'react';
import type { FocusSessionView } from '@/lib/shared/focus';
import { elect } from '../leader';
import { useSyncEnv } from '../provider';
import { EndSignals, type EndSignal } from './end-signal';

type Signal = (s: EndSignal, userId: string) => void;

/**
 * The chime, the notification and the mute setting come when a session does, in time for its 0:00;
 * a page without a session never loads them (decision 072). The election does not wait for them.
 */
const loadSignal = (): Promise<Signal> => import('./signal').then((m) => m.signalEnd);

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
  const signal = useRef<Signal | null>(null);
  useEffect(() => {
    const created = new EndSignals({
      elect: (onChange) => elect(`pos-focus-end:${env.userId}`, onChange),
      lifecycle: env.lifecycle,
      clock: env.hiddenClock,
      storage: localStorageOrNull(),
      storageKey: `pos:focus-signalled:${env.userId}`,
      signal: (s) => {
        if (signal.current) return signal.current(s, env.userId);
        // Only if a 0:00 comes before the code did (it is asked for as soon as a session shows).
        void loadSignal()
          .then((loaded) => {
            signal.current = loaded;
            loaded(s, env.userId);
          })
          .catch(() => undefined);
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
  useEffect(() => {
    if (session && !signal.current)
      void loadSignal()
        .then((loaded) => (signal.current = loaded))
        .catch(() => undefined);
  }, [session]);
}
