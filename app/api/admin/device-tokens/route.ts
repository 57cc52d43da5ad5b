import { route } from '@/lib/server/platform/http/route';
import { listDeviceTokensForAdmin } from '@/lib/server/domains/push-tokens/device-tokens';
import { adminDeviceTokensQuerySchema } from '@/lib/shared/schemas/device-tokens';

// GET /api/admin/device-tokens?state=all|active|disabled – every user's APNs tokens with their push state (admins only)
export const GET = route({ auth: 'admin', query: adminDeviceTokensQuerySchema }, ({ query }) => listDeviceTokensForAdmin(query));
