import { resumeFocus } from '@/lib/server/domains/focus/service';
import { route } from '@/lib/server/platform/http/route';
import { focusActSchema } from '@/lib/shared/schemas/focus';

// POST /api/focus/resume – resume the paused focus session (a body naming the session and when, for a write made offline, may be left out)
export const POST = route({ body: focusActSchema, bodyOptional: true }, ({ principal, body, deviceId }) =>
  resumeFocus({ userId: principal.userId, deviceId }, body),
);
