import { pauseFocus } from '@/lib/server/focus';
import { route } from '@/lib/server/http/route';

// POST /api/focus/pause – pause the running focus session
export const POST = route({}, ({ principal, deviceId }) => pauseFocus({ userId: principal.userId, deviceId }));
