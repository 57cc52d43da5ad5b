import { deleteUserForAdmin } from '@/lib/server/domains/account/erase';
import { updateUserForAdmin } from '@/lib/server/domains/admin/service';
import { route } from '@/lib/server/platform/http/route';
import { adminUserPatchSchema } from '@/lib/shared/schemas/admin';

// PATCH /api/admin/users/[id] – change a user's role and/or disable or enable the account ({role?, disabled?}; admins only)
export const PATCH = route({ auth: 'admin', body: adminUserPatchSchema }, ({ principal, body, params, deviceId }) =>
  updateUserForAdmin({ userId: principal.userId, deviceId }, String(params.id), body),
);

// DELETE /api/admin/users/[id] – delete a user's account and all its data (admins only; not one's own)
export const DELETE = route({ auth: 'admin' }, ({ principal, params }) => deleteUserForAdmin({ userId: principal.userId }, String(params.id)));
