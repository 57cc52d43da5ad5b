'use client';

import { useMemo } from 'react';
import type { ProgressSummary } from '@/lib/shared/schemas/progress';
import { useSyncEnv } from '@/lib/sync/provider';
import { PROGRESS_REFRESH_KEY, PROGRESS_URL, progressKeys } from '@/lib/sync/queries/progress';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';

/** The Progress page's figures (progress contract: on mount, and on focus after a minute away). */
export function useProgress() {
  const { userId } = useSyncEnv();
  const queryKey = useMemo(() => progressKeys.summary(userId), [userId]);
  return useSyncedQuery<ProgressSummary>({ refreshKey: PROGRESS_REFRESH_KEY, queryKey, url: PROGRESS_URL });
}
