import { deleteHabit, updateHabit } from '@/lib/server/domains/habits/service';
import { route } from '@/lib/server/platform/http/route';
import { habitPatchSchema } from '@/lib/shared/schemas/habits';

// PATCH /api/habits/[id] – rename, change the goal or colour, archive ({archived: true}) or unarchive a habit
export const PATCH = route({ body: habitPatchSchema }, ({ principal, body, params, deviceId }) =>
  updateHabit({ userId: principal.userId, deviceId }, String(params.id), body),
);

// DELETE /api/habits/[id] – delete a habit and its logs (soft)
export const DELETE = route({}, ({ principal, params, deviceId }) => deleteHabit({ userId: principal.userId, deviceId }, String(params.id)));
