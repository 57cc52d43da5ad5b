'use client';

import { useQueryClient } from '@tanstack/react-query';
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
import { itemUrl } from '@/lib/sync/resources/resource';
import { definedOnly, pendingId, useOptimisticList } from '@/lib/sync/optimistic-list';
import { useSyncEnv } from '@/lib/sync/provider';
import {
  MOOD_ACTIVITIES_URL,
  MOOD_ASSESSMENTS_URL,
  MOOD_ENTRIES_URL,
  MOOD_SCHEDULES_URL,
  moodActivities,
  moodAssessments,
  moodEntries,
  moodSchedules,
} from '@/lib/sync/resources/mood';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';

export { isPending } from '@/lib/sync/optimistic-list';

const byNewest = (a: MoodEntry, b: MoodEntry) => b.recordedAt - a.recordedAt || b.id.localeCompare(a.id);
const byLabel = (a: Activity, b: Activity) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id);
const bySoonest = (a: Schedule, b: Schedule) => a.nextDueAt - b.nextDueAt || a.id.localeCompare(b.id);

/** Mood entries of [from, to) under the mood contract (fetch on mount, nudged by mood changes, focus after a minute away). */
export function useMoodEntries(from: number, to: number) {
  const resource = useResource(moodEntries, from, to);
  const query = useSyncedQuery(resource);
  const list = useOptimisticList<MoodEntry, MoodEntryCreateInput, MoodEntryPatchInput>({
    queryKey: resource.queryKey,
    collectionUrl: MOOD_ENTRIES_URL,
    order: byNewest,
    pending: (input, id, now) => ({
      id,
      score: input.score,
      activityIds: input.activityIds ?? [],
      notes: input.notes || null,
      recordedAt: input.recordedAt ?? now,
      createdAt: now,
      updatedAt: now,
    }),
    patch: (e, patch) => ({ ...e, ...definedOnly(patch), notes: patch.notes === undefined ? e.notes : patch.notes || null }),
    failures: { create: 'Could not log your mood', update: 'Could not save the entry', remove: 'Could not delete the entry' },
  });
  return { query, createEntry: list.create, updateEntry: list.update, deleteEntry: list.remove };
}

export function useActivities() {
  const resource = useResource(moodActivities);
  const query = useSyncedQuery(resource);
  const list = useOptimisticList<Activity, ActivityCreateInput, ActivityPatchInput>({
    queryKey: resource.queryKey,
    collectionUrl: MOOD_ACTIVITIES_URL,
    order: byLabel,
    pending: (input, id, now) => ({ id, label: input.label.trim(), color: input.color ?? null, createdAt: now, updatedAt: now }),
    failures: { create: 'Could not add the activity', update: 'Could not rename the activity', remove: 'Could not delete the activity' },
  });
  return { query, createActivity: list.create, updateActivity: list.update, deleteActivity: list.remove };
}

export function useSchedules() {
  const resource = useResource(moodSchedules);
  const query = useSyncedQuery(resource);
  const list = useOptimisticList<Schedule, ScheduleCreateInput, SchedulePatchInput>({
    queryKey: resource.queryKey,
    collectionUrl: MOOD_SCHEDULES_URL,
    order: bySoonest,
    pending: (input, id, now) => ({
      id,
      kind: input.kind,
      cadence: input.cadence,
      nextDueAt: input.nextDueAt ?? now,
      enabled: input.enabled ?? true,
      createdAt: now,
      updatedAt: now,
    }),
    failures: { create: 'Could not add the schedule', update: 'Could not change the schedule', remove: 'Could not delete the schedule' },
  });
  return { query, createSchedule: list.create, updateSchedule: list.update, deleteSchedule: list.remove };
}

export function useAssessments() {
  const { userId, deviceId } = useSyncEnv();
  const client = useQueryClient();
  const resource = useResource(moodAssessments);
  const { queryKey } = resource;
  const query = useSyncedQuery(resource);

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
    mutationFn: (id) => sendJson('DELETE', itemUrl(MOOD_ASSESSMENTS_URL, id), deviceId),
    apply: (cache, id) => cache?.filter((a) => a.id !== id),
    errorMessage: (error) => `Could not delete the result: ${error.message}`,
  });

  /** Taking a check-in moves due schedules on; the schedules are refetched with the answer. */
  const takeAssessment = (input: AssessmentTake, onTaken?: (taken: AssessmentTaken) => void) =>
    take.mutate(input, {
      onSuccess: (taken) => {
        onTaken?.(taken);
        if (taken.advanced.length > 0) void client.invalidateQueries({ queryKey: moodSchedules(userId).queryKey, exact: true });
      },
    });
  return { query, takeAssessment, deleteAssessment: remove.mutate };
}
