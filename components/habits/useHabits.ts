'use client';

import { withDayLogged } from '@/lib/shared/habit-streaks';
import type { Habit, HabitCreateInput, HabitDeleted, HabitList, HabitPatchInput } from '@/lib/shared/schemas/habits';
import { sendJson } from '@/lib/sync/api';
import { useEditableList } from '@/lib/sync/editable-list';
import { useOptimisticMutation } from '@/lib/sync/optimistic';
import { useSyncEnv } from '@/lib/sync/provider';
import { HABITS_URL, habitList, habitUrl } from '@/lib/sync/resources/habits';
import { useResource } from '@/lib/sync/use-resource';

/** The habits page's data: the list (habits contract) and its writes; logging a day is optimistic. */
export function useHabits() {
  const { deviceId } = useSyncEnv();
  const { queryKey, query, create, update } = useEditableList<HabitList, Habit, HabitCreateInput, HabitPatchInput>(useResource(habitList), HABITS_URL);
  // `day` absent: today, left to the server ("today" is the user's day in their profile's time zone).
  const logDay = useOptimisticMutation<{ id: string; logged: boolean; day?: string }, Habit, HabitList>({
    queryKey,
    mutationFn: ({ id, logged, day }) =>
      logged
        ? sendJson('POST', habitUrl(id, '/log'), deviceId, day ? { day } : {})
        : sendJson('DELETE', day ? `${habitUrl(id, '/log')}?day=${day}` : habitUrl(id, '/log'), deviceId),
    apply: (list, { id, logged, day }) =>
      list && { ...list, habits: list.habits.map((h) => (h.id === id ? withDayLogged(h, day ?? list.today, list.today, logged) : h)) },
    errorMessage: (error, { logged, day }) => `${logged ? 'Logging' : 'Undoing'}${day ? ` ${day}` : ''} failed: ${error.message} — your change was undone.`,
  });
  const remove = useOptimisticMutation<string, HabitDeleted, HabitList>({
    queryKey,
    mutationFn: (id) => sendJson('DELETE', habitUrl(id), deviceId),
    apply: (list, id) => list && { ...list, habits: list.habits.filter((h) => h.id !== id) },
  });

  return { query, create, update, logDay, remove };
}
