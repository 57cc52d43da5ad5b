import type { HabitList } from '@/lib/shared/schemas/habits';
import { defineResource, itemUrl } from './resource';

export const HABITS_URL = '/api/habits';

// Today's plan lists habits too: see plan.ts.
export const habitList = defineResource<HabitList>({ key: ['habits', 'list'], url: () => HABITS_URL, contract: 'habits', scopes: ['habits'] });

export const habitUrl = (id: string, action: '' | '/log' = '') => itemUrl(HABITS_URL, id, action);
