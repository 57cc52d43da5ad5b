'use client';

import { CheckSquare } from 'lucide-react';
import Link from 'next/link';
import { useMemo } from 'react';
import type { TaskCounts } from '@/lib/shared/crdt';
import { useSyncEnv } from '@/lib/sync/provider';
import { TASKS_COUNTS_URL, TASKS_REFRESH_KEY, tasksKeys } from '@/lib/sync/tasks/queries';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';

/** Tasks due today (the user's own day, counted by the server); hidden while there are none. */
export function TodayBadge() {
  const { userId } = useSyncEnv();
  const queryKey = useMemo(() => tasksKeys.counts(userId), [userId]);
  const { data } = useSyncedQuery<TaskCounts>({ refreshKey: TASKS_REFRESH_KEY, queryKey, url: TASKS_COUNTS_URL });
  if (!data || (data.today === 0 && data.overdue === 0)) return null;
  const label = `${data.today} due today${data.overdue ? `, ${data.overdue} overdue` : ''}`;
  return (
    <Link
      href="/tasks"
      data-testid="today-badge"
      data-today={data.today}
      data-overdue={data.overdue}
      title={label}
      aria-label={`Tasks: ${label}`}
      className="flex items-center gap-1.5 rounded-full bg-stone-100 px-2.5 py-1 text-xs font-medium text-stone-700 hover:bg-stone-200"
    >
      <CheckSquare className="h-3.5 w-3.5" aria-hidden />
      <span className="tabular-nums">{data.today}</span>
      {data.overdue ? <span className="h-1.5 w-1.5 rounded-full bg-red-500" aria-hidden /> : null}
    </Link>
  );
}
