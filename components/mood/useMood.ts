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
import { itemUrl, type SyncedResource } from '@/lib/sync/resources/resource';
import { confirmCreated, definedOnly, pendingId, useOptimisticList, type OptimisticListOptions } from '@/lib/sync/optimistic-list';
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

export { isPending, rowKey } from '@/lib/sync/optimistic-list';

const byNewest = (a: MoodEntry, b: MoodEntry) => b.recordedAt - a.recordedAt || b.id.localeCompare(a.id);
const byLabel = (a: Activity, b: Activity) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id);
const bySoonest = (a: Schedule, b: Schedule) => a.nextDueAt - b.nextDueAt || a.id.localeCompare(b.id);

/** A mood list under the mood contract (fetch on mount, nudged by mood changes, focus after a minute away), written optimistically. */
function useMoodList<Item extends { id: string }, Create, Patch>(
  resource: SyncedResource<Item[]>,
  o: Omit<OptimisticListOptions<Item, Create, Patch>, 'queryKey'>,
) {
  const query = useSyncedQuery(resource);
  return { query, ...useOptimisticList<Item, Create, Patch>({ queryKey: resource.queryKey, ...o }) };
}

/** Mood entries of [from, to). */
export function useMoodEntries(from: number, to: number) {
  return useMoodList<MoodEntry, MoodEntryCreateInput, MoodEntryPatchInput>(useResource(moodEntries, from, to), {
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
}

export function useActivities() {
  return useMoodList<Activity, ActivityCreateInput, ActivityPatchInput>(useResource(moodActivities), {
    collectionUrl: MOOD_ACTIVITIES_URL,
    order: byLabel,
    pending: (input, id, now) => ({ id, label: input.label.trim(), color: input.color ?? null, createdAt: now, updatedAt: now }),
    failures: { create: 'Could not add the activity', update: 'Could not rename the activity', remove: 'Could not delete the activity' },
  });
}

export function useSchedules() {
  return useMoodList<Schedule, ScheduleCreateInput, SchedulePatchInput>(useResource(moodSchedules), {
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
}

export function useAssessments() {
  const { userId, deviceId } = useSyncEnv();
  const client = useQueryClient();
  const resource = useResource(moodAssessments);
  const { queryKey } = resource;
  const query = useSyncedQuery(resource);

  const take = useOptimisticMutation<{ input: AssessmentTake; id: string }, AssessmentTaken, Assessment[]>({
    queryKey,
    mutationFn: ({ input }) => sendJson('POST', MOOD_ASSESSMENTS_URL, deviceId, input),
    // The same definition scores it here for the moment until the server's score arrives.
    apply: (cache, { input, id }) =>
      cache && [{ id, kind: input.kind, answers: input.answers, score: scoreAssessment(input.kind, input.answers), takenAt: Date.now() }, ...cache],
    confirm: (cache, { id }, taken) => confirmCreated(cache, id, taken.assessment),
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
    take.mutate(
      { input, id: pendingId() },
      {
        onSuccess: (taken) => {
          onTaken?.(taken);
          if (taken.advanced.length > 0) void client.invalidateQueries({ queryKey: moodSchedules(userId).queryKey, exact: true });
        },
      },
    );
  return { query, take: takeAssessment, remove: remove.mutate };
}
