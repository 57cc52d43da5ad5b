'use client';

import { useMemo } from 'react';
import type { FocusSessionRecord } from '@/lib/shared/focus';
import { startOfDay } from '@/lib/shared/days';
import { addLocalDays } from '@/lib/shared/local-time';
import { focusSessions } from '@/lib/sync/resources/focus';
import { useUserTimeZone } from '@/lib/sync/use-formats';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';
import { LoadFailed } from '../shell/LoadFailed';
import { useToday } from '../shell/useToday';

/** Today's finished sessions (focus-sessions contract: mount, nudged by progress changes, focus after 1 min away). */
export function RecentSessions() {
  // Today in the profile's zone, as the Today page and Progress count it (decision 054).
  const timeZone = useUserTimeZone();
  const today = useToday(timeZone);
  const [from, to] = useMemo(() => {
    const start = startOfDay(today, timeZone);
    return [start, addLocalDays(start, 1, timeZone)];
  }, [today, timeZone]);
  const query = useSyncedQuery<FocusSessionRecord[]>(useResource(focusSessions, from, to));

  if (query.isPending) return <div className="card h-24 animate-pulse" aria-busy="true" />;
  if (query.isError) {
    return <LoadFailed what="today’s sessions" onRetry={query.refetch} />;
  }
  const sessions = query.data;
  const minutes = Math.round(sessions.reduce((sum, s) => sum + s.focusMs, 0) / 60_000);
  return (
    <section className="card" aria-label="Today's sessions">
      <div className="flex items-baseline justify-between">
        <h2 className="font-semibold">Today</h2>
        <span className="text-sm text-stone-600" data-testid="focus-minutes-today">
          {minutes} min focused
        </span>
      </div>
      {sessions.length === 0 ? (
        <p className="mt-3 text-sm text-stone-500">No finished sessions yet today.</p>
      ) : (
        <ul className="mt-3 divide-y divide-stone-100 text-sm">
          {sessions.map((s) => (
            <li key={s.id} className="flex items-center justify-between py-2">
              <span className="truncate">{s.taskTitle ?? (s.mode === 'pomodoro' ? 'Pomodoro' : 'Focus')}</span>
              <span className="shrink-0 text-stone-500">
                {Math.round(s.focusMs / 60_000)} min · {s.completed ? 'completed' : 'abandoned'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
