import { startFocus } from '@/lib/server/domains/focus/service';
import { route } from '@/lib/server/platform/http/route';
import { focusStartSchema } from '@/lib/shared/schemas/focus';

// POST /api/focus/start – start a focus or pomodoro session (409 while one is active)
export const POST = route({ body: focusStartSchema }, ({ principal, body, deviceId }) => startFocus({ userId: principal.userId, deviceId }, body));
