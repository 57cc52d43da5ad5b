import type { TodayPlan } from '@/lib/shared/schemas/plan';
import { defineResource } from './resource';

export const PLAN_GENERATE_URL = '/api/plan/today/generate';

/** Today's plan lists planner events, tasks, habits and mood check-ins: changes to any of them reach it. */
export const todayPlan = defineResource<TodayPlan>({
  key: ['plan', 'today'],
  url: () => '/api/plan/today',
  contract: 'daily-plan',
  scopes: ['plan', 'planner', 'tasks', 'habits', 'mood'],
});

export const planItemCompleteUrl = (id: string) => `/api/plan/items/${encodeURIComponent(id)}/complete`;
