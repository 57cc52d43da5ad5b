import { updateUserForAdmin } from '@/lib/server/domains/admin/service';
import { route } from '@/lib/server/platform/http/route';
import { adminUserPatchSchema } from '@/lib/shared/schemas/admin';

// PATCH /api/admin/users/[id] – change a user's role and/or disable or enable the account ({role?, disabled?}; admins only)
export const PATCH = route({ auth: 'admin', body: adminUserPatchSchema }, ({ principal, body, params, deviceId }) =>
  updateUserForAdmin({ userId: principal.userId, deviceId }, String(params.id), body),
);
