'use client';

import { useCallback, useSyncExternalStore } from 'react';

const changed = new Set<() => void>();

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function subscribe(listener: () => void): () => void {
  changed.add(listener);
  // Other tabs' choices arrive as storage events: a tab never shows a choice another one changed.
  window.addEventListener('storage', listener);
  return () => {
    changed.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

/**
 * One of `allowed`, remembered in this browser under `key` (a view choice such as a sort order, not
 * data: it does not sync across devices) and the same in every tab; `fallback` until one is made, or
 * when storage is blocked or holds something else.
 */
export function useStoredChoice<T extends string>(key: string, allowed: readonly T[], fallback: T): [T, (choice: T) => void] {
  const stored = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  );
  const choice = allowed.find((a) => a === stored) ?? fallback;
  const choose = useCallback(
    (next: T) => {
      try {
        localStorage.setItem(key, next);
      } catch {
        // Storage blocked: the choice lasts while the page shows it.
      }
      changed.forEach((fn) => fn());
    },
    [key],
  );
  return [choice, choose];
}
