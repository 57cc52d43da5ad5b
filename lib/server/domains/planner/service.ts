import 'server-only';
import { read } from '@/lib/server/platform/http/read';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNull, lt } from 'drizzle-orm';
import {
  MAX_EVENT_MS,
  type PlannerEvent,
  type PlannerEventCreate,
  type PlannerEventPatch,
  type PlannerEventType,
  type PlannerRange,
} from '@/lib/shared/schemas/planner';
import { writeChange, type ServiceContext, type WriteScope } from '@/lib/server/platform/changes';
import { getDb, type Tx } from '@/lib/server/platform/db/client';
import { plannerEvents } from './schema';
import { AppError, notFound } from '@/lib/server/platform/errors';

const MAX_LISTED = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type PlannerEventRow = typeof plannerEvents.$inferSelect;

function toEvent(row: PlannerEventRow): PlannerEvent {
  return {
    id: row.id,
    title: row.title,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    allDay: row.allDay,
    notes: row.notes,
    color: row.color,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The caller's live event; a malformed id, another user's id and a deleted event all read as "not found". */
async function getEventOrThrow(tx: Tx, ctx: ServiceContext, id: string): Promise<PlannerEventRow> {
  const row = UUID.test(id)
    ? await tx
        .select()
        .from(plannerEvents)
        .where(and(eq(plannerEvents.id, id), eq(plannerEvents.userId, ctx.userId), isNull(plannerEvents.deletedAt)))
        .get()
    : undefined;
  if (!row) throw notFound('Event');
  return row;
}

/** Announces a written event on the `calendar` channel, which the realtime layer pushes to the user's other devices. */
function announce(w: WriteScope, type: PlannerEventType, event: PlannerEvent): PlannerEvent {
  w.hints.event = { channel: 'calendar', type, payload: event };
  return event;
}

/** Live events overlapping [from, to), earliest first. */
export const listEvents = read<PlannerEvent[], PlannerRange>({ scopes: ['planner'] }, async (ctx, range) => {
  const rows = await getDb()
    .select()
    .from(plannerEvents)
    .where(
      and(
        eq(plannerEvents.userId, ctx.userId),
        isNull(plannerEvents.deletedAt),
        lt(plannerEvents.startsAt, range.to),
        // Events last at most MAX_EVENT_MS, so this bound lets the (user_id, starts_at) index do the work.
        gt(plannerEvents.startsAt, range.from - MAX_EVENT_MS),
        gt(plannerEvents.endsAt, range.from),
      ),
    )
    .orderBy(asc(plannerEvents.startsAt), asc(plannerEvents.endsAt), asc(plannerEvents.id))
    .limit(MAX_LISTED);
  return rows.map(toEvent);
});

export async function createEvent(ctx: ServiceContext, input: PlannerEventCreate): Promise<PlannerEvent> {
  return writeChange(ctx, ['planner'], async (w) => {
    const [row] = await w.tx
      .insert(plannerEvents)
      .values({
        id: randomUUID(),
        userId: ctx.userId,
        createdAt: w.now,
        updatedAt: w.now,
        serverVersion: w.serverVersion,
        title: input.title,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        allDay: input.allDay,
        notes: input.notes,
        color: input.color,
      })
      .returning();
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
    const [row] = await w.tx
      .update(plannerEvents)
      .set({ ...patch, serverVersion: w.serverVersion, updatedAt: w.now })
      .where(and(eq(plannerEvents.id, current.id), eq(plannerEvents.userId, ctx.userId)))
      .returning();
    return announce(w, 'event_updated', toEvent(row));
  });
}

/** Soft-deletes (native clients learn of it through the row's new server_version) and returns the event as it was. */
export async function deleteEvent(ctx: ServiceContext, id: string): Promise<PlannerEvent> {
  return writeChange(ctx, ['planner'], async (w) => {
    const current = await getEventOrThrow(w.tx, ctx, id);
    await w.tx
      .update(plannerEvents)
      .set({ deletedAt: w.now, serverVersion: w.serverVersion, updatedAt: w.now })
      .where(and(eq(plannerEvents.id, current.id), eq(plannerEvents.userId, ctx.userId)));
    return announce(w, 'event_deleted', toEvent(current));
  });
}
