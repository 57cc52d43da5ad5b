'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { DEFAULT_GRACE_MINUTES, DEFAULT_POMODORO, type FocusMode, type PomodoroSettings } from '@/lib/shared/focus';

export interface FocusSettings {
  mode: FocusMode;
  plannedMinutes: number;
  pomodoro: PomodoroSettings;
  /** No chime at 0:00 (absent: it chimes). */
  muted?: boolean;
  /** Minutes past its end after which a forgotten session completes itself; sent with each start (decision 030). */
  graceMinutes?: number;
}

export const graceMinutesOf = (settings: FocusSettings): number => settings.graceMinutes ?? DEFAULT_GRACE_MINUTES;

export const DEFAULT_FOCUS_SETTINGS: FocusSettings = { mode: 'pomodoro', plannedMinutes: 50, pomodoro: DEFAULT_POMODORO };

const keyFor = (userId: string) => `pos:focus-settings:${userId}`;
const cache = new Map<string, { raw: string | null; value: FocusSettings }>();
const listeners = new Set<() => void>();

/** This user's settings as stored now (the tab that chimes reads them at the moment it chimes). */
export function readFocusSettings(userId: string): FocusSettings {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(keyFor(userId));
  } catch {
    raw = null;
  }
  const hit = cache.get(userId);
  if (hit && hit.raw === raw) return hit.value;
  let value = DEFAULT_FOCUS_SETTINGS;
  try {
    if (raw) value = { ...DEFAULT_FOCUS_SETTINGS, ...(JSON.parse(raw) as Partial<FocusSettings>) };
  } catch {
    value = DEFAULT_FOCUS_SETTINGS;
  }
  cache.set(userId, { raw, value });
  return value;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Other tabs' writes arrive as storage events (seed 001: timer settings shared across tabs).
  const onStorage = (e: StorageEvent) => {
    if (e.key?.startsWith('pos:focus-settings:')) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** Timer settings of this user in this browser, in localStorage and live across tabs. */
export function useFocusSettings(userId: string): [FocusSettings, (next: FocusSettings) => void] {
  const settings = useSyncExternalStore(
    subscribe,
    () => readFocusSettings(userId),
    () => DEFAULT_FOCUS_SETTINGS,
  );
  const save = useCallback(
    (next: FocusSettings) => {
      try {
        localStorage.setItem(keyFor(userId), JSON.stringify(next));
      } catch {
        // Storage blocked: the settings last for this page.
        cache.set(userId, { raw: JSON.stringify(next), value: next });
      }
      listeners.forEach((fn) => fn());
    },
    [userId],
  );
  return [settings, save];
}
