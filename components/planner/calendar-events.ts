import { plannerEventSchema, type PlannerEvent } from '@/lib/shared/schemas/planner';
import type { SseEvent } from '@/lib/shared/realtime';

export type CalendarChange = { kind: 'upsert'; event: PlannerEvent } | { kind: 'remove'; event: PlannerEvent };

export const overlaps = (e: Pick<PlannerEvent, 'startsAt' | 'endsAt'>, from: number, to: number) => e.startsAt < to && e.endsAt > from;
export const byStart = (a: PlannerEvent, b: PlannerEvent) => a.startsAt - b.startsAt || a.endsAt - b.endsAt || a.id.localeCompare(b.id);

/**
 * The change a `calendar` event carries (lib/server/domains/planner/service.ts: `event_created|event_updated|
 * event_deleted` with the whole event as payload), or null when it must be refetched instead:
 * the throttle folded several changes into it (only the last is carried), or its shape is unknown.
 */
export function calendarChange(event: SseEvent): CalendarChange | null {
  if ((event.merged ?? 1) > 1) return null;
  const parsed = plannerEventSchema.safeParse(event.payload);
  if (!parsed.success) return null;
  switch (event.type) {
    case 'event_created':
    case 'event_updated':
      return { kind: 'upsert', event: parsed.data };
    case 'event_deleted':
      return { kind: 'remove', event: parsed.data };
    default:
      return null;
  }
}

/**
 * One cached range [from, to) with the change applied: the event is inserted or replaced where it
 * falls in the range, dropped where it no longer does (moved away, deleted). A cached copy newer
 * than an upsert (updatedAt) wins over it; a deletion is final. Returns the same array when
 * nothing changes.
 */
export function applyToRange(cache: PlannerEvent[], from: number, to: number, change: CalendarChange): PlannerEvent[] {
  const i = cache.findIndex((e) => e.id === change.event.id);
  if (change.kind === 'upsert' && i >= 0 && cache[i].updatedAt > change.event.updatedAt) return cache;
  const without = i >= 0 ? cache.filter((_, j) => j !== i) : cache;
  if (change.kind === 'remove' || !overlaps(change.event, from, to)) return without;
  return [...without, change.event].sort(byStart);
}
