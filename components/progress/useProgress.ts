'use client';

import { progressSummary } from '@/lib/sync/resources/progress';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';

/** The Progress page's figures (progress contract: on mount, nudged by progress changes, and on focus after a minute away). */
export function useProgress() {
  return useSyncedQuery(useResource(progressSummary));
}
