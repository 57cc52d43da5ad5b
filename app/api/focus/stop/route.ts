import { stopFocus } from '@/lib/server/domains/focus/service';
import { route } from '@/lib/server/platform/http/route';
import { focusStopSchema } from '@/lib/shared/schemas/focus';

// POST /api/focus/stop – end the active focus session as completed or abandoned
export const POST = route({ body: focusStopSchema }, ({ principal, body, deviceId }) => stopFocus({ userId: principal.userId, deviceId }, body));
