import { route } from '@/lib/server/http/route';
import { listDeviceTokensForAdmin } from '@/lib/server/push/device-tokens';
import { adminDeviceTokensQuerySchema } from '@/lib/shared/schemas/device-tokens';

// GET /api/admin/device-tokens?state=all|active|disabled – every user's APNs tokens with their push state (admins only)
export const GET = route({ auth: 'admin', query: adminDeviceTokensQuerySchema }, ({ query }) => listDeviceTokensForAdmin(query));
