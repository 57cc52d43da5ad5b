import type { PlannerEvent } from '@/lib/shared/schemas/planner';
import type { SseEvent } from '@/lib/shared/realtime';

export type CalendarChange = { kind: 'upsert'; event: PlannerEvent } | { kind: 'remove'; event: PlannerEvent };

export const overlaps = (e: Pick<PlannerEvent, 'startsAt' | 'endsAt'>, from: number, to: number) => e.startsAt < to && e.endsAt > from;
const isInstant = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isTextOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

/**
 * The event an SSE payload carries, read by hand as `plannerEventSchema` reads it (its fields, and
 * nothing else of the payload), or null: the planner's first load brings no Zod (decision 059).
 */
export function plannerEventOf(payload: unknown): PlannerEvent | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const e = payload as Record<keyof PlannerEvent, unknown>;
  if (typeof e.id !== 'string' || typeof e.title !== 'string' || typeof e.allDay !== 'boolean') return null;
  if (!isInstant(e.startsAt) || !isInstant(e.endsAt) || !isInstant(e.createdAt) || !isInstant(e.updatedAt)) return null;
  if (!isTextOrNull(e.notes) || !isTextOrNull(e.color)) return null;
  const { id, title, startsAt, endsAt, allDay, notes, color, createdAt, updatedAt } = e;
  return { id, title, startsAt, endsAt, allDay, notes, color, createdAt, updatedAt };
}

export const byStart = (a: PlannerEvent, b: PlannerEvent) => a.startsAt - b.startsAt || a.endsAt - b.endsAt || a.id.localeCompare(b.id);

/**
 * The change a `calendar` event carries (lib/server/domains/planner/service.ts: `event_created|event_updated|
 * event_deleted` with the whole event as payload), or null when it must be refetched instead:
 * the throttle folded several changes into it (only the last is carried), or its shape is unknown.
 */
export function calendarChange(event: SseEvent): CalendarChange | null {
  if ((event.merged ?? 1) > 1) return null;
  const parsed = plannerEventOf(event.payload);
  if (!parsed) return null;
  switch (event.type) {
    case 'event_created':
    case 'event_updated':
      return { kind: 'upsert', event: parsed };
    case 'event_deleted':
      return { kind: 'remove', event: parsed };
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
