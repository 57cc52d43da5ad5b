'use client';

import { CheckSquare } from 'lucide-react';
import Link from 'next/link';
import { taskCounts } from '@/lib/sync/resources/tasks';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';

/**
 * Tasks due today (the user's own day, counted by the server); hidden while there are none. The
 * task-counts contract: nudged by tasks events, a 30 s poll only while the event stream is down.
 */
export function TodayBadge() {
  const { data } = useSyncedQuery(useResource(taskCounts));
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
