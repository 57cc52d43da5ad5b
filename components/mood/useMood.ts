'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type {
  Activity,
  ActivityCreateInput,
  ActivityPatchInput,
  Assessment,
  AssessmentTake,
  AssessmentTaken,
  MoodEntry,
  MoodEntryCreateInput,
  MoodEntryPatchInput,
  Schedule,
  ScheduleCreateInput,
  SchedulePatchInput,
} from '@/lib/shared/schemas/mood';
import { scoreAssessment } from '@/lib/shared/assessments';
import { sendJson } from '@/lib/sync/api';
import { useOptimisticMutation } from '@/lib/sync/optimistic';
import { useSyncEnv } from '@/lib/sync/provider';
import {
  MOOD_ACTIVITIES_URL,
  MOOD_ASSESSMENTS_URL,
  MOOD_ENTRIES_URL,
  MOOD_REFRESH_KEY,
  MOOD_SCHEDULES_URL,
  moodEntriesUrl,
  moodItemUrl,
  moodKeys,
} from '@/lib/sync/queries/mood';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';

/** Ids of rows the server has not confirmed yet; they cannot be edited until it has. */
export const PENDING_PREFIX = 'pending-';
export const isPending = (id: string) => id.startsWith(PENDING_PREFIX);

const definedOnly = <T extends object>(patch: T) => Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
const pendingId = () => `${PENDING_PREFIX}${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

/** Mood entries of [from, to) under the mood contract (fetch on mount, refetch on focus after a minute away). */
export function useMoodEntries(from: number, to: number) {
  const { userId, deviceId } = useSyncEnv();
  const queryKey = useMemo(() => moodKeys.entries(userId, from, to), [userId, from, to]);
  const query = useSyncedQuery<MoodEntry[]>({ refreshKey: MOOD_REFRESH_KEY, queryKey, url: moodEntriesUrl(from, to) });
  const byNewest = (a: MoodEntry, b: MoodEntry) => b.recordedAt - a.recordedAt || b.id.localeCompare(a.id);

  const create = useOptimisticMutation<MoodEntryCreateInput, MoodEntry, MoodEntry[]>({
    queryKey,
    mutationFn: (input) => sendJson('POST', MOOD_ENTRIES_URL, deviceId, input),
    apply: (cache, input) => {
      const now = Date.now();
      const entry: MoodEntry = {
        id: pendingId(),
        score: input.score,
        activityIds: input.activityIds ?? [],
        notes: input.notes || null,
        recordedAt: input.recordedAt ?? now,
        createdAt: now,
        updatedAt: now,
      };
      return cache && [...cache, entry].sort(byNewest);
    },
    errorMessage: (error) => `Could not log your mood: ${error.message}`,
  });
  const update = useOptimisticMutation<{ id: string; patch: MoodEntryPatchInput }, MoodEntry, MoodEntry[]>({
    queryKey,
    mutationFn: ({ id, patch }) => sendJson('PATCH', moodItemUrl(MOOD_ENTRIES_URL, id), deviceId, patch),
    apply: (cache, { id, patch }) =>
      cache?.map((e) => (e.id === id ? { ...e, ...definedOnly(patch), notes: patch.notes === undefined ? e.notes : patch.notes || null } : e)).sort(byNewest),
    errorMessage: (error) => `Could not save the entry: ${error.message}`,
  });
  const remove = useOptimisticMutation<string, MoodEntry, MoodEntry[]>({
    queryKey,
    mutationFn: (id) => sendJson('DELETE', moodItemUrl(MOOD_ENTRIES_URL, id), deviceId),
    apply: (cache, id) => cache?.filter((e) => e.id !== id),
    errorMessage: (error) => `Could not delete the entry: ${error.message}`,
  });
  return {
    query,
    createEntry: create.mutate,
    updateEntry: (id: string, patch: MoodEntryPatchInput) => update.mutate({ id, patch }),
    deleteEntry: remove.mutate,
  };
}

export function useActivities() {
  const { userId, deviceId } = useSyncEnv();
  const queryKey = useMemo(() => moodKeys.activities(userId), [userId]);
  const query = useSyncedQuery<Activity[]>({ refreshKey: MOOD_REFRESH_KEY, queryKey, url: MOOD_ACTIVITIES_URL });
  const byLabel = (a: Activity, b: Activity) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id);

  const create = useOptimisticMutation<ActivityCreateInput, Activity, Activity[]>({
    queryKey,
    mutationFn: (input) => sendJson('POST', MOOD_ACTIVITIES_URL, deviceId, input),
    apply: (cache, input) => {
      const now = Date.now();
      return cache && [...cache, { id: pendingId(), label: input.label.trim(), color: input.color ?? null, createdAt: now, updatedAt: now }].sort(byLabel);
    },
    errorMessage: (error) => `Could not add the activity: ${error.message}`,
  });
  const update = useOptimisticMutation<{ id: string; patch: ActivityPatchInput }, Activity, Activity[]>({
    queryKey,
    mutationFn: ({ id, patch }) => sendJson('PATCH', moodItemUrl(MOOD_ACTIVITIES_URL, id), deviceId, patch),
    apply: (cache, { id, patch }) => cache?.map((a) => (a.id === id ? { ...a, ...definedOnly(patch) } : a)).sort(byLabel),
    errorMessage: (error) => `Could not rename the activity: ${error.message}`,
  });
  const remove = useOptimisticMutation<string, Activity, Activity[]>({
    queryKey,
    mutationFn: (id) => sendJson('DELETE', moodItemUrl(MOOD_ACTIVITIES_URL, id), deviceId),
    apply: (cache, id) => cache?.filter((a) => a.id !== id),
    errorMessage: (error) => `Could not delete the activity: ${error.message}`,
  });
  return {
    query,
    createActivity: create.mutate,
    updateActivity: (id: string, patch: ActivityPatchInput) => update.mutate({ id, patch }),
    deleteActivity: remove.mutate,
  };
}

export function useSchedules() {
  const { userId, deviceId } = useSyncEnv();
  const queryKey = useMemo(() => moodKeys.schedules(userId), [userId]);
  const query = useSyncedQuery<Schedule[]>({ refreshKey: MOOD_REFRESH_KEY, queryKey, url: MOOD_SCHEDULES_URL });
  const bySoonest = (a: Schedule, b: Schedule) => a.nextDueAt - b.nextDueAt || a.id.localeCompare(b.id);

  const create = useOptimisticMutation<ScheduleCreateInput, Schedule, Schedule[]>({
    queryKey,
    mutationFn: (input) => sendJson('POST', MOOD_SCHEDULES_URL, deviceId, input),
    apply: (cache, input) => {
      const now = Date.now();
      const schedule: Schedule = {
        id: pendingId(),
        kind: input.kind,
        cadence: input.cadence,
        nextDueAt: input.nextDueAt ?? now,
        enabled: input.enabled ?? true,
        createdAt: now,
        updatedAt: now,
      };
      return cache && [...cache, schedule].sort(bySoonest);
    },
    errorMessage: (error) => `Could not add the schedule: ${error.message}`,
  });
  const update = useOptimisticMutation<{ id: string; patch: SchedulePatchInput }, Schedule, Schedule[]>({
    queryKey,
    mutationFn: ({ id, patch }) => sendJson('PATCH', moodItemUrl(MOOD_SCHEDULES_URL, id), deviceId, patch),
    apply: (cache, { id, patch }) => cache?.map((s) => (s.id === id ? { ...s, ...definedOnly(patch) } : s)).sort(bySoonest),
    errorMessage: (error) => `Could not change the schedule: ${error.message}`,
  });
  const remove = useOptimisticMutation<string, Schedule, Schedule[]>({
    queryKey,
    mutationFn: (id) => sendJson('DELETE', moodItemUrl(MOOD_SCHEDULES_URL, id), deviceId),
    apply: (cache, id) => cache?.filter((s) => s.id !== id),
    errorMessage: (error) => `Could not delete the schedule: ${error.message}`,
  });
  return {
    query,
    createSchedule: create.mutate,
    updateSchedule: (id: string, patch: SchedulePatchInput) => update.mutate({ id, patch }),
    deleteSchedule: remove.mutate,
  };
}

export function useAssessments() {
  const { userId, deviceId } = useSyncEnv();
  const client = useQueryClient();
  const queryKey = useMemo(() => moodKeys.assessments(userId), [userId]);
  const query = useSyncedQuery<Assessment[]>({ refreshKey: MOOD_REFRESH_KEY, queryKey, url: MOOD_ASSESSMENTS_URL });

  const take = useOptimisticMutation<AssessmentTake, AssessmentTaken, Assessment[]>({
    queryKey,
    mutationFn: (input) => sendJson('POST', MOOD_ASSESSMENTS_URL, deviceId, input),
    // The same definition scores it here for the moment until the server's score arrives.
    apply: (cache, input) =>
      cache && [
        { id: pendingId(), kind: input.kind, answers: input.answers, score: scoreAssessment(input.kind, input.answers), takenAt: Date.now() },
        ...cache,
      ],
    errorMessage: (error) => `Could not save the check-in: ${error.message}`,
  });
  const remove = useOptimisticMutation<string, Assessment, Assessment[]>({
    queryKey,
    mutationFn: (id) => sendJson('DELETE', moodItemUrl(MOOD_ASSESSMENTS_URL, id), deviceId),
    apply: (cache, id) => cache?.filter((a) => a.id !== id),
    errorMessage: (error) => `Could not delete the result: ${error.message}`,
  });

  /** Taking a check-in moves due schedules on; the schedules are refetched with the answer. */
  const takeAssessment = (input: AssessmentTake, onTaken?: (taken: AssessmentTaken) => void) =>
    take.mutate(input, {
      onSuccess: (taken) => {
        onTaken?.(taken);
        if (taken.advanced.length > 0) void client.invalidateQueries({ queryKey: moodKeys.schedules(userId), exact: true });
      },
    });
  return { query, takeAssessment, deleteAssessment: remove.mutate };
}
