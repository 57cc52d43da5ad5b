'use client';

import { useQueryClient } from '@tanstack/react-query';
import type { PlannerEvent, PlannerEventCreateInput, PlannerEventPatchInput } from '@/lib/shared/schemas/planner';
import { sendJson } from '@/lib/sync/api';
import { useOptimisticMutation } from '@/lib/sync/optimistic';
import { confirmCreated, definedOnly, pendingId } from '@/lib/sync/optimistic-list';
import { useSyncEnv } from '@/lib/sync/provider';
import { PLANNER_EVENTS_URL, plannerEventUrl, plannerEvents } from '@/lib/sync/resources/planner';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';
import { byStart, overlaps } from './calendar-events';
import { usePlannerRealtime } from './usePlannerRealtime';

type Cache = PlannerEvent[] | undefined;

/**
 * The events of [from, to) under the planner contract (poll 30 s, 60 s when idle, paused while
 * hidden), kept current by other devices' `calendar` events, and the optimistic add/edit/delete of them.
 */
export function usePlannerEvents(from: number, to: number) {
  const { userId, deviceId } = useSyncEnv();
  const client = useQueryClient();
  const resource = useResource(plannerEvents, from, to);
  const { queryKey } = resource;
  const query = useSyncedQuery(resource);
  usePlannerRealtime();

  // Other weeks in the cache may hold the event too: mark them stale so they refetch when shown.
  const touchOtherWeeks = () => client.invalidateQueries({ queryKey: plannerEvents.prefix(userId), refetchType: 'none' });

  const create = useOptimisticMutation<{ input: PlannerEventCreateInput; id: string }, PlannerEvent, Cache>({
    queryKey,
    mutationFn: ({ input }) => sendJson<PlannerEvent>('POST', PLANNER_EVENTS_URL, deviceId, input),
    apply: (cache, { input, id }) => {
      if (!cache || !overlaps(input, from, to)) return cache;
      const now = Date.now();
      const pending: PlannerEvent = {
        title: input.title,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        allDay: input.allDay ?? false,
        notes: input.notes ?? null,
        color: input.color ?? null,
        id,
        createdAt: now,
        updatedAt: now,
      };
      return [...cache, pending].sort(byStart);
    },
    confirm: (cache, { id }, saved) => confirmCreated(cache, id, saved)?.sort(byStart),
    errorMessage: (error) => `Could not add the event: ${error.message}`,
  });

  const update = useOptimisticMutation<{ id: string; patch: PlannerEventPatchInput }, PlannerEvent, Cache>({
    queryKey,
    mutationFn: ({ id, patch }) => sendJson<PlannerEvent>('PATCH', plannerEventUrl(id), deviceId, patch),
    apply: (cache, { id, patch }) =>
      cache
        ?.map((e) => (e.id === id ? { ...e, ...definedOnly(patch) } : e))
        .filter((e) => overlaps(e, from, to))
        .sort(byStart),
    errorMessage: (error) => `Could not save the event: ${error.message}`,
  });

  const remove = useOptimisticMutation<string, PlannerEvent, Cache>({
    queryKey,
    mutationFn: (id) => sendJson<PlannerEvent>('DELETE', plannerEventUrl(id), deviceId),
    apply: (cache, id) => cache?.filter((e) => e.id !== id),
    errorMessage: (error) => `Could not delete the event: ${error.message}`,
  });

  return {
    query,
    createEvent: (input: PlannerEventCreateInput) => create.mutate({ input, id: pendingId() }, { onSettled: touchOtherWeeks }),
    updateEvent: (id: string, patch: PlannerEventPatchInput) => update.mutate({ id, patch }, { onSettled: touchOtherWeeks }),
    deleteEvent: (id: string) => remove.mutate(id, { onSettled: touchOtherWeeks }),
  };
}
