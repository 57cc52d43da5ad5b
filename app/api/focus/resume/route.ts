import { resumeFocus } from '@/lib/server/domains/focus/service';
import { route } from '@/lib/server/platform/http/route';

// POST /api/focus/resume – resume the paused focus session
export const POST = route({}, ({ principal, deviceId }) => resumeFocus({ userId: principal.userId, deviceId }));
