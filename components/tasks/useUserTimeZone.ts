'use client';

import type { Profile } from '@/lib/shared/schemas/profile';
import { isTimeZone } from '@/lib/shared/timezone';
import { profile as profileResource } from '@/lib/sync/resources/profile';
import { useTasksTimeZone } from '@/lib/sync/tasks/useTasks';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/**
 * The user's own time zone from GET /api/me (the browser's until it loads), also handed to the
 * tasks engine. The profile contract: fetched on mount, nudged by profile changes.
 */
export function useUserTimeZone(): string {
  const profile = useSyncedQuery<Profile>(useResource(profileResource));
  const zone = profile.data?.timezone;
  const timeZone = zone && isTimeZone(zone) ? zone : browserTimeZone();
  useTasksTimeZone(timeZone);
  return timeZone;
}
