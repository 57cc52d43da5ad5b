import { removeDevice, renameDevice } from '@/lib/server/domains/devices/devices';
import { route } from '@/lib/server/platform/http/route';
import { devicePatchSchema } from '@/lib/shared/schemas/native';

// PATCH /api/devices/[id] – rename a device ({label})
export const PATCH = route({ body: devicePatchSchema }, ({ principal, body, params, deviceId }) =>
  renameDevice({ userId: principal.userId, deviceId }, String(params.id), body),
);

// DELETE /api/devices/[id] – remove a device (soft): its record-sync requests get 404 until it registers again
export const DELETE = route({}, ({ principal, params, deviceId }) => removeDevice({ userId: principal.userId, deviceId }, String(params.id)));
