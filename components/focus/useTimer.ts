'use client';

import { computeTimer, type TimerState } from '@/lib/shared/focus';
import { useFocusState } from '@/lib/sync/focus/FocusStateContext';
import { useNow } from './useNow';

/** The running timer, recomputed from server time twice a second (never by counting ticks). */
export function useTimer(): { state: TimerState | null } & ReturnType<typeof useFocusState> {
  const focus = useFocusState();
  const now = useNow(focus.serverNow, 500, focus.session?.status === 'running');
  const state = focus.session ? computeTimer(focus.session, focus.session.status === 'paused' ? (focus.session.pausedAt ?? now) : now) : null;
  return { ...focus, state };
}
