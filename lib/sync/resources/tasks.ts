import type { TaskCounts } from '@/lib/shared/crdt';
import { defineResource } from './resource';

/** The Today badge: counted by the server in the user's own day. */
export const taskCounts = defineResource<TaskCounts>({ key: ['tasks', 'counts'], url: () => '/api/tasks/counts', contract: 'task-counts', scopes: ['tasks'] });
