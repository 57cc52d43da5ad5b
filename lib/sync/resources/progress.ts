import type { ProgressRange, ProgressSummary } from '@/lib/shared/progress';
import { defineResource } from './resource';

/** The Progress page's figures over the last `days` days (7, 30 or 90). */
export const progressSummary = defineResource<ProgressSummary, [days: ProgressRange]>({
  key: ['progress', 'summary'],
  url: (days) => `/api/progress?days=${days}`,
  contract: 'progress',
  // Mood writes bump only their own scope; the page shows mood too.
  scopes: ['progress', 'mood'],
});
