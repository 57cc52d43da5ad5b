import { listUsersForAdmin } from '@/lib/server/domains/admin/service';
import { route } from '@/lib/server/platform/http/route';
import { adminUsersQuerySchema } from '@/lib/shared/schemas/admin';

// GET /api/admin/users?q= – users newest first, searched by email or name (admins only; the admin page refreshes by hand)
export const GET = route({ auth: 'admin', query: adminUsersQuerySchema }, ({ query }) => listUsersForAdmin(query));
