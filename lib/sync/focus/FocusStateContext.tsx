'use client';

import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { FocusActive, FocusSessionView } from '@/lib/shared/focus';
import type { FocusStartInput } from '@/lib/shared/schemas/focus';
import { sendJson } from '../api';
import { isQueuedOffline } from '../outbox';
import { hashQueryKey } from '../env';
import { useSyncEnv } from '../provider';
import { FOCUS_ACTIVE_URL, focusActive, focusSessions } from '../resources/focus';
import { useOptionalRealtime } from '../realtime';
import { markHandled } from '../realtime-queries';
import { showToast } from '../toast';
import { useSyncedQuery } from '../use-auto-refresh';
import { useCompletedItselfNotice } from './completed-itself';
import { offsetOnArrival } from './server-clock';
import { focusActiveFromTimerEvent } from './timer-events';
import { timerAfter, timerBody, type TimerWrite } from './offline';
import { useEndSignals } from './use-end-signals';

export interface FocusState {
  session: FocusSessionView | null;
  isLoading: boolean;
  isError: boolean;
  /** Server time now, from the local clock corrected by the offset seen on the last fresh response. */
  serverNow: () => number;
  pending: boolean;
  start: (input: Omit<FocusStartInput, 'deviceId'>) => Promise<boolean>;
  pause: () => Promise<boolean>;
  resume: () => Promise<boolean>;
  stop: (completed: boolean) => Promise<boolean>;
  move: (targetDeviceId: string) => Promise<boolean>;
  /** More minutes for the session ("+5 min" when time is up). */
  extend: (minutes: number) => Promise<boolean>;
  skipBreak: () => Promise<boolean>;
}

const FocusStateContext = createContext<FocusState | null>(null);

/** localStorage key whose `storage` events carry the paused state to the other tabs (seed 001). */
const pausedKey = (userId: string) => `pos:focus-paused:${userId}`;

interface PausedState {
  id: string | null;
  pausedAt: number | null;
  status: string | null;
}

/** Another tab's paused state, or null when the value is not one (corrupt, or written by someone else). */
function readPaused(raw: string): PausedState | null {
  try {
    const v = JSON.parse(raw) as Partial<PausedState> | null;
    return typeof v === 'object' && v !== null ? { id: v.id ?? null, pausedAt: v.pausedAt ?? null, status: v.status ?? null } : null;
  } catch {
    return null;
  }
}

/**
 * The single owner of the /api/focus/active poll (seed 001 "Polling Deduplication"): BottomBar,
 * FocusIndicator and the /focus page read it through useFocusState() and never poll themselves.
 */
export function FocusStateProvider({ children }: { children: ReactNode }) {
  const env = useSyncEnv();
  const client = useQueryClient();
  const resource = useMemo(() => focusActive(env.userId), [env.userId]);
  const { queryKey } = resource;
  const query = useSyncedQuery(resource);
  const offset = useRef(0);
  const [pending, setPending] = useState(false);
  const data = query.data;

  // What the shown data teaches about the server clock, if it is the body as it arrived: read in
  // render, so a countdown's very first paint after a reload is right; kept for data that teaches nothing.
  const learnt = useMemo(() => (data ? offsetOnArrival(data, env.fetcher.peek<FocusActive>(FOCUS_ACTIVE_URL)) : null), [data, env.fetcher]);
  useEffect(() => {
    if (learnt !== null) offset.current = learnt;
  }, [learnt]);

  const publishPaused = useCallback(
    (active: FocusActive) => {
      try {
        localStorage.setItem(
          pausedKey(env.userId),
          JSON.stringify({ id: active.session?.id ?? null, pausedAt: active.session?.pausedAt ?? null, status: active.session?.status ?? null }),
        );
      } catch {
        // No storage: the relay and the next poll still carry it.
      }
    },
    [env.userId],
  );

  // Another tab paused, resumed, started or stopped: refetch now instead of waiting for the poll.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key !== pausedKey(env.userId) || e.newValue === null) return;
      const current = client.getQueryData<FocusActive>(queryKey)?.session;
      const next = readPaused(e.newValue);
      if (!next) return;
      if (next.id !== (current?.id ?? null) || next.pausedAt !== (current?.pausedAt ?? null) || next.status !== (current?.status ?? null)) {
        env.queries.get(hashQueryKey(queryKey))?.sync.nudge();
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [client, env, queryKey]);

  // Another device's timer event is applied as it comes, without a request (seed 003); one that
  // cannot be applied safely is refetched, once for the browser, by the query's leader tab.
  // `timer:moved` to this device: it takes over the timer.
  const realtime = useOptionalRealtime();
  useEffect(() => {
    if (!realtime) return;
    return realtime.on('timer', (event) => {
      const target = (event.payload as { targetDeviceId?: string } | null)?.targetDeviceId;
      if (event.type === 'moved' && target === env.deviceId) showToast('Your focus timer moved to this device.', 'info');
      markHandled(event, queryKey);
      const next = focusActiveFromTimerEvent(event, client.getQueryData<FocusActive>(queryKey));
      if (next === 'refetch') env.queries.get(hashQueryKey(queryKey))?.sync.nudge();
      else client.setQueryData(queryKey, next);
    });
  }, [realtime, env, client, queryKey]);

  const mutate = useCallback(
    async (path: string, body: unknown, failure: string, offline?: (at: number) => FocusActive): Promise<boolean> => {
      setPending(true);
      try {
        const next = await sendJson<FocusActive>('POST', path, env.deviceId, body, { keepOffline: offline !== undefined });
        offset.current = next.serverTime - Date.now();
        client.setQueryData(queryKey, next);
        publishPaused(next);
        // Seed 001: "Immediate POST + refetch" — the refetch is relayed to the other tabs.
        void client.refetchQueries({ queryKey, exact: true });
        if (path.endsWith('/stop')) void client.invalidateQueries({ queryKey: focusSessions.prefix(env.userId) });
        return true;
      } catch (err) {
        if (offline && isQueuedOffline(err)) {
          // Kept to be sent later (decision 052): shown as the server will make it, at the moment it was made.
          const shown = offline((body as { at: number }).at);
          await client.cancelQueries({ queryKey, exact: true });
          client.setQueryData(queryKey, shown);
          publishPaused(shown);
          return true;
        }
        showToast(`${failure}: ${(err as Error).message}`);
        void client.refetchQueries({ queryKey, exact: true });
        return false;
      } finally {
        setPending(false);
      }
    },
    [client, env.deviceId, env.userId, publishPaused, queryKey],
  );

  /** A write the timer can make offline: it carries when it was made and the session it means. */
  const write = useCallback(
    (path: string, w: TimerWrite, failure: string) => {
      const at = Math.round(Date.now() + offset.current);
      const current = client.getQueryData<FocusActive>(queryKey)?.session ?? null;
      return mutate(path, timerBody(w, current, at), failure, (when) => timerAfter(w, current, when));
    },
    [client, mutate, queryKey],
  );

  // A session that completed itself ended without this browser's stop: today's list and a notice follow.
  const completedItself = data?.completedItself;
  useEffect(() => {
    if (completedItself) void client.invalidateQueries({ queryKey: focusSessions.prefix(env.userId) });
  }, [client, completedItself, env.userId]);
  useCompletedItselfNotice(env.userId, completedItself);

  // Never earlier than a time the server has already reported: an offset measured on a slow answer
  // lags by its transfer time, and a write's own answer (a skipped break) must not show the moment before it.
  const reported = data?.serverTime ?? 0;
  const serverNow = useCallback(() => Math.max(Date.now() + (learnt ?? offset.current), reported), [learnt, reported]);
  const session = data?.session ?? null;
  useEndSignals(session, serverNow);

  const value = useMemo<FocusState>(
    () => ({
      session,
      isLoading: query.isPending,
      isError: query.isError && !data,
      serverNow,
      pending,
      start: (input) => write('/api/focus/start', { kind: 'start', input: { ...input, deviceId: env.deviceId, id: crypto.randomUUID() } }, 'Could not start'),
      pause: () => write('/api/focus/pause', { kind: 'pause' }, 'Could not pause'),
      resume: () => write('/api/focus/resume', { kind: 'resume' }, 'Could not resume'),
      stop: (completed) => write('/api/focus/stop', { kind: 'stop', completed }, 'Could not stop'),
      move: (targetDeviceId) => mutate('/api/focus/move', { targetDeviceId }, 'Could not move the timer'),
      extend: (minutes) => mutate('/api/focus/extend', { minutes }, 'Could not add time'),
      skipBreak: () => mutate('/api/focus/skip-break', {}, 'Could not skip the break'),
    }),
    [data, env.deviceId, mutate, pending, query.isError, query.isPending, serverNow, session, write],
  );

  return <FocusStateContext.Provider value={value}>{children}</FocusStateContext.Provider>;
}

export function useFocusState(): FocusState {
  const state = useContext(FocusStateContext);
  if (!state) throw new Error('useFocusState outside <FocusStateProvider>');
  return state;
}
