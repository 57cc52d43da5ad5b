'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlanGenerateInput, PlanItem, TodayPlan } from '@/lib/shared/schemas/plan';
import { sendJson } from '@/lib/sync/api';
import { useOptimisticMutation } from '@/lib/sync/optimistic';
import { useSyncEnv } from '@/lib/sync/provider';
import { habitList, habitUrl } from '@/lib/sync/resources/habits';
import { PLAN_GENERATE_URL, planItemCompleteUrl, todayPlan } from '@/lib/sync/resources/plan';
import { showToast } from '@/lib/sync/toast';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';

/** Ticking an item of a kind ticked by hand (an event, the focus goal, a custom item) or a habit item. */
export interface ItemToggle {
  item: PlanItem;
  completed: boolean;
}

function withItem(today: TodayPlan | undefined, { item, completed }: ItemToggle): TodayPlan | undefined {
  if (!today?.plan) return today;
  const byHand = item.kind !== 'habit';
  const items = today.plan.items.map((i) =>
    i.id === item.id ? { ...i, done: completed, completedAt: byHand ? (completed ? Date.now() : null) : i.completedAt } : i,
  );
  return { ...today, plan: { ...today.plan, items } };
}

/**
 * The Today page's data: today's plan (daily-plan contract), generating it, and ticking items. A
 * habit item is ticked by logging the habit (its own path, so the Habits page agrees at once);
 * task items are ticked through the tasks engine by the panel, never here.
 */
export function useTodayPlan() {
  const { deviceId } = useSyncEnv();
  const client = useQueryClient();
  const resource = useResource(todayPlan);
  const habits = useResource(habitList);
  const { queryKey } = resource;
  const query = useSyncedQuery(resource);

  const generate = useMutation({
    mutationFn: (input: PlanGenerateInput) => sendJson<TodayPlan>('POST', PLAN_GENERATE_URL, deviceId, input),
    // Shown at once; the one refetch after it is what other tabs of this browser receive.
    onSuccess: (today) => client.setQueryData(queryKey, today),
    onError: (error) => showToast(`Could not build your plan: ${error.message}`),
    onSettled: () => client.invalidateQueries({ queryKey, exact: true }),
  });
  const toggle = useOptimisticMutation<ItemToggle, unknown, TodayPlan>({
    queryKey,
    mutationFn: async ({ item, completed }) => {
      const method = completed ? 'POST' : 'DELETE';
      if (item.kind === 'habit' && item.refId) {
        await sendJson(method, habitUrl(item.refId, '/log'), deviceId);
        // The habits list of this tab, if it holds one, is stale now.
        void client.invalidateQueries({ queryKey: habits.queryKey, exact: true });
        return;
      }
      await sendJson(method, planItemCompleteUrl(item.id), deviceId);
    },
    apply: withItem,
    errorMessage: (error, { completed }) => `${completed ? 'Checking off' : 'Undoing'} failed: ${error.message} — your change was undone.`,
  });

  return { query, generate, toggle };
}
