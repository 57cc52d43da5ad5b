import { route } from '@/lib/server/platform/http/route';
import { deleteActivity, updateActivity } from '@/lib/server/domains/mood';
import { activityPatchSchema } from '@/lib/shared/schemas/mood';

// PATCH /api/mood/activities/[id] – rename or recolour an activity (404 unless it is the caller's)
export const PATCH = route({ body: activityPatchSchema }, ({ principal, body, params, deviceId }) =>
  updateActivity({ userId: principal.userId, deviceId }, String(params.id), body),
);

// DELETE /api/mood/activities/[id] – delete an activity; answers the activity as it was
export const DELETE = route({}, ({ principal, params, deviceId }) => deleteActivity({ userId: principal.userId, deviceId }, String(params.id)));
