import type { TodayPlan } from '@/lib/shared/schemas/plan';
import { defineResource } from './resource';

export const PLAN_GENERATE_URL = '/api/plan/today/generate';

/**
 * Today's plan is a view of planner events, tasks, habits, mood check-ins and focus sessions (the
 * goal's progress), in the profile's time zone: a change to any of them reaches it.
 */
export const todayPlan = defineResource<TodayPlan>({
  key: ['plan', 'today'],
  url: () => '/api/plan/today',
  contract: 'daily-plan',
  scopes: ['plan', 'planner', 'tasks', 'habits', 'mood', 'focus', 'profile'],
});

export const planItemCompleteUrl = (id: string) => `/api/plan/items/${encodeURIComponent(id)}/complete`;
