'use client';

import { withTodayLogged } from '@/lib/shared/habit-streaks';
import type { Habit, HabitCreateInput, HabitDeleted, HabitList, HabitPatchInput } from '@/lib/shared/schemas/habits';
import { sendJson } from '@/lib/sync/api';
import { useListWrite } from '@/lib/sync/list-write';
import { useOptimisticMutation } from '@/lib/sync/optimistic';
import { useSyncEnv } from '@/lib/sync/provider';
import { HABITS_URL, habitList, habitUrl } from '@/lib/sync/resources/habits';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';

/** The habits page's data: the list (habits contract) and its writes; logging today is optimistic. */
export function useHabits() {
  const { deviceId } = useSyncEnv();
  const resource = useResource(habitList);
  const { queryKey } = resource;
  const query = useSyncedQuery(resource);

  const create = useListWrite<HabitCreateInput, Habit>(queryKey, (input) => ['POST', HABITS_URL, input]);
  const update = useListWrite<{ id: string; patch: HabitPatchInput }, Habit>(queryKey, ({ id, patch }) => ['PATCH', habitUrl(id), patch]);
  const logToday = useOptimisticMutation<{ id: string; logged: boolean }, Habit, HabitList>({
    queryKey,
    // The day is left to the server: "today" is the user's day in their profile's time zone.
    mutationFn: ({ id, logged }) => sendJson(logged ? 'POST' : 'DELETE', habitUrl(id, '/log'), deviceId),
    apply: (list, { id, logged }) => list && { ...list, habits: list.habits.map((h) => (h.id === id ? withTodayLogged(h, list.today, logged) : h)) },
    errorMessage: (error, { logged }) => `${logged ? 'Logging' : 'Undoing'} failed: ${error.message} — your change was undone.`,
  });
  const remove = useOptimisticMutation<string, HabitDeleted, HabitList>({
    queryKey,
    mutationFn: (id) => sendJson('DELETE', habitUrl(id), deviceId),
    apply: (list, id) => list && { ...list, habits: list.habits.filter((h) => h.id !== id) },
  });

  return { query, create, update, logToday, remove };
}
