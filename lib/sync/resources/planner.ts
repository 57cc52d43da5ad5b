import type { PlannerEvent } from '@/lib/shared/schemas/planner';
import { defineResource, itemUrl } from './resource';

export const PLANNER_EVENTS_URL = '/api/planner/events';

/** The events of [from, to); every cached week is one query under the same prefix. */
export const plannerEvents = defineResource<PlannerEvent[], [from: number, to: number]>({
  key: ['planner', 'events'],
  url: (from, to) => `${PLANNER_EVENTS_URL}?from=${from}&to=${to}`,
  contract: 'planner',
  scopes: ['planner'],
});

export const plannerEventUrl = (id: string) => itemUrl(PLANNER_EVENTS_URL, id);
