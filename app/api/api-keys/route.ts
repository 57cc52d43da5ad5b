import { apiKeysFreshnessKey, createApiKey, keyManagerContext, listApiKeys } from '@/lib/server/domains/devices/api-keys';
import { route } from '@/lib/server/platform/http/route';
import { json } from '@/lib/server/platform/http/respond';
import { apiKeyCreateSchema } from '@/lib/shared/schemas/native';

// GET /api/api-keys – the user's API keys, revoked ones included, never a secret (browser session only;
// conditional on scope `devices` and the minute). The session check runs in `etag` too, so a key never gets a 304.
export const GET = route(
  { etag: ({ principal }) => ({ scopes: ['devices'], key: `${keyManagerContext(principal).userId}|${apiKeysFreshnessKey()}` }) },
  async ({ principal, deviceId }) => ({ apiKeys: await listApiKeys(keyManagerContext(principal, deviceId)) }),
);

// POST /api/api-keys – create a key ({label}); the answer holds the whole key, shown this once (browser session only)
export const POST = route({ body: apiKeyCreateSchema }, async ({ principal, body, deviceId }) =>
  json(await createApiKey(keyManagerContext(principal, deviceId), body), { status: 201, headers: { 'Cache-Control': 'no-store' } }),
);
