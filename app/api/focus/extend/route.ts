import { extendFocus } from '@/lib/server/domains/focus/service';
import { route } from '@/lib/server/platform/http/route';
import { focusExtendSchema } from '@/lib/shared/schemas/focus';

// POST /api/focus/extend – more minutes for the active focus session ("+5 min" when time is up)
export const POST = route({ body: focusExtendSchema }, ({ principal, body, deviceId }) => extendFocus({ userId: principal.userId, deviceId }, body));
