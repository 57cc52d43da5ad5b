import { listSessions } from '@/lib/server/domains/focus/service';
import { route } from '@/lib/server/platform/http/route';
import { focusSessionsQuerySchema } from '@/lib/shared/schemas/focus';

// GET /api/focus/sessions?from&to – ended focus sessions started in [from, to), newest first
export const GET = route({ query: focusSessionsQuerySchema, read: listSessions });
