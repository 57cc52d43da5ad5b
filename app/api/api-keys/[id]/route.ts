import { keyManagerContext, revokeApiKey } from '@/lib/server/domains/devices/api-keys';
import { route, serviceContext } from '@/lib/server/platform/http/route';

// DELETE /api/api-keys/[id] – revoke a key for good: requests with it get 401 from now on (browser session only)
export const DELETE = route({}, ({ principal, params, deviceId }) =>
  revokeApiKey(keyManagerContext(serviceContext({ principal, deviceId })), String(params.id)),
);
