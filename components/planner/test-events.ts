import type { PlannerEvent } from '@/lib/shared/schemas/planner';

export const H = 3600_000;
export const DAY = 24 * H;

/** A planner event for tests: an hour from `startsAt`, titled by its id. */
export const ev = (id: string, startsAt: number, over: Partial<PlannerEvent> = {}): PlannerEvent => ({
  id,
  title: id,
  startsAt,
  endsAt: startsAt + H,
  allDay: false,
  notes: null,
  color: null,
  createdAt: 0,
  updatedAt: 10,
  ...over,
});
