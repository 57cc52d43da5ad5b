import { moveFocus } from '@/lib/server/domains/focus/service';
import { route } from '@/lib/server/platform/http/route';
import { focusMoveSchema } from '@/lib/shared/schemas/focus';

// POST /api/focus/move – hand the active focus session to another device
export const POST = route({ body: focusMoveSchema }, ({ principal, body, deviceId }) => moveFocus({ userId: principal.userId, deviceId }, body));
