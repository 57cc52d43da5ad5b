import { listDevices, registerDevice } from '@/lib/server/domains/devices/devices';
import { route } from '@/lib/server/platform/http/route';
import { json } from '@/lib/server/platform/http/respond';
import { deviceCreateSchema } from '@/lib/shared/schemas/native';

// GET /api/devices – registered devices with last seen and "connected now", and unregistered live streams
export const GET = route({ read: listDevices });

// POST /api/devices – register a device ({label, platform}); its id goes with every record-sync request
export const POST = route({ body: deviceCreateSchema }, async ({ principal, body, deviceId }) =>
  json(await registerDevice({ userId: principal.userId, deviceId }, body), { status: 201 }),
);
