import { resumeFocus } from '@/lib/server/focus';
import { route } from '@/lib/server/http/route';

// POST /api/focus/resume – resume the paused focus session
export const POST = route({}, ({ principal, deviceId }) => resumeFocus({ userId: principal.userId, deviceId }));
