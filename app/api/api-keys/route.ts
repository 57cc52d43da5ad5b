import { apiKeyList, createApiKey, keyManagerContext } from '@/lib/server/domains/devices/api-keys';
import { route, serviceContext } from '@/lib/server/platform/http/route';
import { json } from '@/lib/server/platform/http/respond';
import { apiKeyCreateSchema } from '@/lib/shared/schemas/native';

// GET /api/api-keys – the user's API keys, revoked ones included, never a secret (browser session only)
export const GET = route({ read: apiKeyList });

// POST /api/api-keys – create a key ({label}); the answer holds the whole key, shown this once (browser session only)
export const POST = route({ body: apiKeyCreateSchema }, async ({ principal, body, deviceId }) =>
  json(await createApiKey(keyManagerContext(serviceContext({ principal, deviceId })), body), { status: 201, headers: { 'Cache-Control': 'no-store' } }),
);
