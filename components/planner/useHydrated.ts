'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False while rendering on the server and hydrating, true after: views that depend on the
 * browser's clock and time zone render a skeleton until then instead of a mismatched week.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
