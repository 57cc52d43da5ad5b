import { moveFocus } from '@/lib/server/focus';
import { route } from '@/lib/server/http/route';
import { focusMoveSchema } from '@/lib/shared/schemas/focus';

// POST /api/focus/move – hand the active focus session to another device
export const POST = route({ body: focusMoveSchema }, ({ principal, body, deviceId }) => moveFocus({ userId: principal.userId, deviceId }, body));
