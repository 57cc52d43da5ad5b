import 'server-only';
import { Page } from '@/lib/server/platform/http/paging';
import { read } from '@/lib/server/platform/http/read';
import { gt, inArray, lt } from 'drizzle-orm';
import {
  MAX_EVENT_MS,
  type PlannerEvent,
  type PlannerEventCreate,
  type PlannerEventPatch,
  type PlannerEventType,
  type PlannerRange,
} from '@/lib/shared/schemas/planner';
import { writeChange, type ServiceContext, type WriteScope } from '@/lib/server/platform/changes';
import { ownedRecords, viewOf } from '@/lib/server/platform/db/owned';
import { getDb } from '@/lib/server/platform/db/client';
import { plannerEvents } from './schema';
import { AppError } from '@/lib/server/platform/errors';

type PlannerEventRow = typeof plannerEvents.$inferSelect;

const toEvent = (row: PlannerEventRow): PlannerEvent => viewOf(row);

const ownedEvents = ownedRecords(plannerEvents, 'Event');
const getEventOrThrow = ownedEvents.getOrThrow;

/** Announces a written event on the `calendar` channel, which the realtime layer pushes to the user's other devices. */
function announce(w: WriteScope, type: PlannerEventType, event: PlannerEvent): PlannerEvent {
  w.hints.event = { channel: 'calendar', type, payload: event };
  return event;
}

/** Live events overlapping [from, to), earliest first. */
const EVENT_ORDER = [
  ['startsAt', 'asc'],
  ['endsAt', 'asc'],
  ['id', 'asc'],
] as const;

export const listEvents = read<Page<PlannerEvent[]>, PlannerRange>({ scopes: ['planner'] }, async (ctx, range) => {
  const where = [
    lt(plannerEvents.startsAt, range.to),
    // Events last at most MAX_EVENT_MS, so this bound lets the (user_id, starts_at) index do the work.
    gt(plannerEvents.startsAt, range.from - MAX_EVENT_MS),
    gt(plannerEvents.endsAt, range.from),
  ];
  const { rows, next } = await ownedEvents.page(getDb(), ctx, range, { order: EVENT_ORDER, where });
  return new Page(rows.map(toEvent), next);
});

/** The caller's live events among `ids` (today's plan looks up the times of the events it lists). */
export async function eventsByIds(ctx: ServiceContext, ids: readonly string[]): Promise<PlannerEvent[]> {
  if (ids.length === 0) return [];
  const rows = await getDb()
    .select()
    .from(plannerEvents)
    .where(ownedEvents.live(ctx, inArray(plannerEvents.id, [...ids])));
  return rows.map(toEvent);
}

export async function createEvent(ctx: ServiceContext, input: PlannerEventCreate): Promise<PlannerEvent> {
  return writeChange(ctx, ['planner'], async (w) => {
    const row = await ownedEvents.insert(w, ctx, {
      title: input.title,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      allDay: input.allDay,
      notes: input.notes,
      color: input.color,
    });
    return announce(w, 'event_created', toEvent(row));
  });
}

export async function updateEvent(ctx: ServiceContext, id: string, patch: PlannerEventPatch): Promise<PlannerEvent> {
  return writeChange(ctx, ['planner'], async (w) => {
    const current = await getEventOrThrow(w.tx, ctx, id);
    const startsAt = patch.startsAt ?? current.startsAt;
    const endsAt = patch.endsAt ?? current.endsAt;
    // A patch may move one end only; the result must still be a forward span.
    if (endsAt <= startsAt || endsAt - startsAt > MAX_EVENT_MS) {
      throw new AppError('validation_failed', 'The end must be after the start', [
        { path: ['endsAt'], message: 'The end must be after the start, within a year' },
      ]);
    }
    const row = await ownedEvents.save(w, ctx, current.id, { ...patch });
    return announce(w, 'event_updated', toEvent(row));
  });
}

/** Soft-deletes (native clients learn of it through the row's new server_version) and returns the event as it was. */
export async function deleteEvent(ctx: ServiceContext, id: string): Promise<PlannerEvent> {
  return writeChange(ctx, ['planner'], async (w) => announce(w, 'event_deleted', toEvent(await ownedEvents.remove(w, ctx, id))));
}
