import { pauseFocus } from '@/lib/server/domains/focus/service';
import { route } from '@/lib/server/platform/http/route';
import { focusActSchema } from '@/lib/shared/schemas/focus';

// POST /api/focus/pause – pause the running focus session (a body naming the session and when, for a write made offline, may be left out)
export const POST = route({ body: focusActSchema, bodyOptional: true }, ({ principal, body, deviceId }) =>
  pauseFocus({ userId: principal.userId, deviceId }, body),
);
