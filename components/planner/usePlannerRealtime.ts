'use client';

import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { PlannerEvent } from '@/lib/shared/schemas/planner';
import { hashQueryKey } from '@/lib/sync/env';
import { useSyncEnv } from '@/lib/sync/provider';
import { plannerEvents } from '@/lib/sync/resources/planner';
import { useOptionalRealtime } from '@/lib/sync/realtime';
import { markHandled } from '@/lib/sync/realtime-queries';
import { applyToRange, calendarChange } from './calendar-events';

/** `['planner', userId, 'events', from, to]` → its range. */
function rangeOf(key: QueryKey): [number, number] | null {
  const [, , kind, from, to] = key;
  return kind === 'events' && typeof from === 'number' && typeof to === 'number' ? [from, to] : null;
}

/**
 * Applies another device's `calendar` events to every cached week (seed 003), with no request; one
 * it cannot apply safely refetches the shown week (once per browser, by its leader tab) and marks the
 * others stale. The `changed` nudge that follows for the same event leaves these queries alone.
 */
export function usePlannerRealtime(): void {
  const env = useSyncEnv();
  const { userId } = env;
  const client = useQueryClient();
  const realtime = useOptionalRealtime();
  useEffect(() => {
    if (!realtime) return;
    return realtime.on('calendar', (event) => {
      const change = calendarChange(event);
      for (const [queryKey, cache] of client.getQueriesData<PlannerEvent[]>({ queryKey: plannerEvents.prefix(userId) })) {
        const range = rangeOf(queryKey);
        if (!range) continue;
        markHandled(event, queryKey);
        if (!change) {
          const shown = env.queries.get(hashQueryKey(queryKey));
          if (shown) shown.sync.nudge();
          else void client.invalidateQueries({ queryKey, exact: true, refetchType: 'none' });
          continue;
        }
        if (!cache) continue;
        const next = applyToRange(cache, range[0], range[1], change);
        if (next !== cache) client.setQueryData(queryKey, next);
      }
    });
  }, [client, realtime, env, userId]);
}
