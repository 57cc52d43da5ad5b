'use client';

import type { QueryClient } from '@tanstack/react-query';
import { formatsFor, type Formats } from '@/lib/shared/format';
import type { Profile } from '@/lib/shared/schemas/profile';
import { deviceTimeZone, isTimeZone } from '@/lib/shared/timezone';
import { profile as profileResource } from './resources/profile';
import { useSyncedQuery } from './use-auto-refresh';
import { useResource } from './use-resource';

/** The profile's zone as this browser last heard it (the browser's when never), read without subscribing. */
export function cachedUserTimeZone(client: QueryClient, userId: string): string {
  const zone = client.getQueryData<Profile>(profileResource(userId).queryKey)?.timezone;
  return zone && isTimeZone(zone) ? zone : deviceTimeZone();
}

/**
 * The user's own time zone from their profile (GET /api/me; the browser's until it loads): the zone
 * every page counts days and shows times in, as the server does (decision 054).
 */
export function useUserTimeZone(): string {
  const zone = useSyncedQuery<Profile>(useResource(profileResource)).data?.timezone;
  return zone && isTimeZone(zone) ? zone : deviceTimeZone();
}

/** Dates, times and numbers written one way: the browser's language, the profile's time zone. */
export function useFormats(): Formats {
  return formatsFor(useUserTimeZone());
}
