import { route } from '@/lib/server/platform/http/route';
import { getProfile, updateProfile } from '@/lib/server/domains/account/profile';
import { profilePatchSchema } from '@/lib/shared/schemas/profile';

// GET /api/me – the signed-in user's profile
export const GET = route({ read: getProfile });

// PATCH /api/me – change name and/or time zone
export const PATCH = route({ body: profilePatchSchema }, ({ principal, body, deviceId }) => updateProfile({ userId: principal.userId, deviceId }, body));
