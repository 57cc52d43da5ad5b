import { config } from '@/lib/server/platform/config';
import { publicRoute } from '@/lib/server/platform/http/route';
import { json } from '@/lib/server/platform/http/respond';
import { nativeOpenApi } from '@/lib/shared/openapi/native';

// GET /api/v1/openapi.json – the OpenAPI 3.1 document of the native API (public: it describes, it holds no data)
export const GET = publicRoute({}, async () => json(nativeOpenApi(config().version), { headers: { 'Cache-Control': 'public, max-age=300' } }));
