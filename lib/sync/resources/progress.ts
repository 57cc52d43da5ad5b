import type { ProgressSummary } from '@/lib/shared/schemas/progress';
import { defineResource } from './resource';

export const progressSummary = defineResource<ProgressSummary>({
  key: ['progress', 'summary'],
  url: () => '/api/progress',
  contract: 'progress',
  scopes: ['progress'],
});
