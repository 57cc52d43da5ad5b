'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { withTodayLogged } from '@/lib/shared/habit-streaks';
import type { Habit, HabitCreateInput, HabitDeleted, HabitList, HabitPatchInput } from '@/lib/shared/schemas/habits';
import { sendJson } from '@/lib/sync/api';
import { useOptimisticMutation } from '@/lib/sync/optimistic';
import { useSyncEnv } from '@/lib/sync/provider';
import { HABITS_REFRESH_KEY, HABITS_URL, habitKeys, habitUrl } from '@/lib/sync/queries/habits';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';

/** The habits page's data: the list (habits contract) and its writes; logging today is optimistic. */
export function useHabits() {
  const { userId, deviceId } = useSyncEnv();
  const client = useQueryClient();
  const queryKey = useMemo(() => habitKeys.list(userId), [userId]);
  const query = useSyncedQuery<HabitList>({ refreshKey: HABITS_REFRESH_KEY, queryKey, url: HABITS_URL });
  const reconcile = () => client.invalidateQueries({ queryKey, exact: true });

  const create = useMutation({
    mutationFn: (input: HabitCreateInput) => sendJson<Habit>('POST', HABITS_URL, deviceId, input),
    onSuccess: reconcile,
  });
  const update = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: HabitPatchInput }) => sendJson<Habit>('PATCH', habitUrl(id), deviceId, patch),
    onSuccess: reconcile,
  });
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
