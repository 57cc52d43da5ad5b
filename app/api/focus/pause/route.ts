import { pauseFocus } from '@/lib/server/domains/focus/service';
import { route } from '@/lib/server/platform/http/route';

// POST /api/focus/pause – pause the running focus session
export const POST = route({}, ({ principal, deviceId }) => pauseFocus({ userId: principal.userId, deviceId }));
