import { route } from '@/lib/server/platform/http/route';
import { disableDeviceToken, listDeviceTokens, registerDeviceToken } from '@/lib/server/domains/push-tokens/device-tokens';
import { deviceTokenDisableSchema, deviceTokenRegisterSchema } from '@/lib/shared/schemas/device-tokens';

// GET /api/device-tokens – the caller's APNs device tokens with their push state
export const GET = route({ read: listDeviceTokens });

// POST /api/device-tokens – register an APNs device token for the caller (re-enables it, takes it over from another user)
export const POST = route({ body: deviceTokenRegisterSchema }, ({ principal, body, deviceId }) =>
  registerDeviceToken({ userId: principal.userId, deviceId }, body),
);

// DELETE /api/device-tokens – disable one of the caller's device tokens (404 for anyone else's)
export const DELETE = route({ body: deviceTokenDisableSchema }, ({ principal, body, deviceId }) =>
  disableDeviceToken({ userId: principal.userId, deviceId }, body.token),
);
