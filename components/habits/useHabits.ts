'use client';

import { withTodayLogged } from '@/lib/shared/habit-streaks';
import type { Habit, HabitCreateInput, HabitDeleted, HabitList, HabitPatchInput } from '@/lib/shared/schemas/habits';
import { sendJson } from '@/lib/sync/api';
import { useEditableList } from '@/lib/sync/editable-list';
import { useOptimisticMutation } from '@/lib/sync/optimistic';
import { useSyncEnv } from '@/lib/sync/provider';
import { HABITS_URL, habitList, habitUrl } from '@/lib/sync/resources/habits';
import { useResource } from '@/lib/sync/use-resource';

/** The habits page's data: the list (habits contract) and its writes; logging today is optimistic. */
export function useHabits() {
  const { deviceId } = useSyncEnv();
  const { queryKey, query, create, update } = useEditableList<HabitList, Habit, HabitCreateInput, HabitPatchInput>(useResource(habitList), HABITS_URL);
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
