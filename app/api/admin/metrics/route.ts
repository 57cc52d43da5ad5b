import { syncMetrics } from '@/lib/server/domains/admin/service';
import { route } from '@/lib/server/platform/http/route';

// GET /api/admin/metrics – live sync figures: SSE connections on this node, op-log size, compactions, users (admins only)
export const GET = route({ auth: 'admin' }, () => syncMetrics());
