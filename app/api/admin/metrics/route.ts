import { syncMetrics } from '@/lib/server/admin';
import { route } from '@/lib/server/http/route';

// GET /api/admin/metrics – live sync figures: SSE connections on this node, op-log size, compactions, users (admins only)
export const GET = route({ auth: 'admin' }, () => syncMetrics());
