'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlanGenerateInput, PlanItem, TodayPlan } from '@/lib/shared/schemas/plan';
import { sendJson } from '@/lib/sync/api';
import { useOptimisticMutation } from '@/lib/sync/optimistic';
import { useSyncEnv } from '@/lib/sync/provider';
import { PLAN_GENERATE_URL, planItemCompleteUrl, todayPlan } from '@/lib/sync/resources/plan';
import { showToast } from '@/lib/sync/toast';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';

export interface ItemToggle {
  id: string;
  completed: boolean;
}

function withItem(today: TodayPlan | undefined, { id, completed }: ItemToggle): TodayPlan | undefined {
  if (!today?.plan) return today;
  const items = today.plan.items.map((i) => (i.id === id ? { ...i, completedAt: completed ? Date.now() : null } : i));
  return { ...today, plan: { ...today.plan, items } };
}

/** The Today page's data: today's plan (daily-plan contract), generating it, and checking items off optimistically. */
export function useTodayPlan() {
  const { deviceId } = useSyncEnv();
  const client = useQueryClient();
  const resource = useResource(todayPlan);
  const { queryKey } = resource;
  const query = useSyncedQuery(resource);

  const generate = useMutation({
    mutationFn: (input: PlanGenerateInput) => sendJson<TodayPlan>('POST', PLAN_GENERATE_URL, deviceId, input),
    // Shown at once; the one refetch after it is what other tabs of this browser receive.
    onSuccess: (today) => client.setQueryData(queryKey, today),
    onError: (error) => showToast(`Could not build your plan: ${error.message}`),
    onSettled: () => client.invalidateQueries({ queryKey, exact: true }),
  });
  const toggle = useOptimisticMutation<ItemToggle, PlanItem, TodayPlan>({
    queryKey,
    mutationFn: ({ id, completed }) => sendJson(completed ? 'POST' : 'DELETE', planItemCompleteUrl(id), deviceId),
    apply: withItem,
    errorMessage: (error, { completed }) => `${completed ? 'Checking off' : 'Undoing'} failed: ${error.message} — your change was undone.`,
  });

  return { query, generate, toggle };
}
