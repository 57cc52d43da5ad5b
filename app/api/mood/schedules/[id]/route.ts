import { route } from '@/lib/server/platform/http/route';
import { deleteSchedule, updateSchedule } from '@/lib/server/domains/mood';
import { schedulePatchSchema } from '@/lib/shared/schemas/mood';

// PATCH /api/mood/schedules/[id] – change a schedule's kind, cadence, next due time or switch it on/off (404 unless it is the caller's)
export const PATCH = route({ body: schedulePatchSchema }, ({ principal, body, params, deviceId }) =>
  updateSchedule({ userId: principal.userId, deviceId }, String(params.id), body),
);

// DELETE /api/mood/schedules/[id] – delete a schedule; answers the schedule as it was
export const DELETE = route({}, ({ principal, params, deviceId }) => deleteSchedule({ userId: principal.userId, deviceId }, String(params.id)));
