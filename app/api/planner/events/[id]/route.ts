import { route } from '@/lib/server/platform/http/route';
import { deleteEvent, updateEvent } from '@/lib/server/domains/planner/service';
import { plannerEventPatchSchema } from '@/lib/shared/schemas/planner';

// PATCH /api/planner/events/[id] – edit or move an event (404 unless it is the caller's)
export const PATCH = route({ body: plannerEventPatchSchema }, ({ principal, body, params, deviceId }) =>
  updateEvent({ userId: principal.userId, deviceId }, String(params.id), body),
);

// DELETE /api/planner/events/[id] – delete an event; answers the event as it was
export const DELETE = route({}, ({ principal, params, deviceId }) => deleteEvent({ userId: principal.userId, deviceId }, String(params.id)));
