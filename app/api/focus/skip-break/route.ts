import { skipBreak } from '@/lib/server/domains/focus/service';
import { route } from '@/lib/server/platform/http/route';

// POST /api/focus/skip-break – end the pomodoro break now and start the next focus phase
export const POST = route({}, ({ principal, deviceId }) => skipBreak({ userId: principal.userId, deviceId }));
