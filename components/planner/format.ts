import type { Formats } from '@/lib/shared/format';
import type { PlannerEvent } from '@/lib/shared/schemas/planner';

/** An event's times as the planner and Today show them: "09:00–10:00", or "All day". */
export function formatTimeRange(e: Pick<PlannerEvent, 'startsAt' | 'endsAt' | 'allDay'>, format: Formats): string {
  return e.allDay ? 'All day' : format.timeRange(e.startsAt, e.endsAt);
}

/** What a screen reader hears after an event button's visible title (and time): its day. */
export function formatEventDay(e: Pick<PlannerEvent, 'startsAt' | 'allDay'>, format: Formats): string {
  return e.allDay ? `${format.longDay(e.startsAt)}, all day` : format.longDay(e.startsAt);
}
