'use client';

import type { ProgressRange } from '@/lib/shared/progress';
import { progressSummary } from '@/lib/sync/resources/progress';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';

/** The Progress page's figures over `days` (progress contract: on mount, nudged by progress changes, and on focus after a minute away). */
export function useProgress(days: ProgressRange) {
  return useSyncedQuery(useResource(progressSummary, days));
}
