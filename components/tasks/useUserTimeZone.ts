'use client';

import { useMemo } from 'react';
import type { Profile } from '@/lib/shared/schemas/profile';
import { isTimeZone } from '@/lib/shared/timezone';
import { useSyncEnv } from '@/lib/sync/provider';
import { PROFILE_URL, profileKey } from '@/lib/sync/tasks/queries';
import { useTasksTimeZone } from '@/lib/sync/tasks/useTasks';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/**
 * The user's own time zone from GET /api/me (the browser's until it loads), also handed to the
 * tasks engine. It follows the Today contract (mount, focus after 5 min): like the daily plan,
 * it decides which day "today" is and changes about as rarely.
 */
export function useUserTimeZone(): string {
  const { userId } = useSyncEnv();
  const queryKey = useMemo(() => profileKey(userId), [userId]);
  const profile = useSyncedQuery<Profile>({ refreshKey: 'daily-plan', queryKey, url: PROFILE_URL });
  const zone = profile.data?.timezone;
  const timeZone = zone && isTimeZone(zone) ? zone : browserTimeZone();
  useTasksTimeZone(timeZone);
  return timeZone;
}
