import { listSessions } from '@/lib/server/focus';
import { route } from '@/lib/server/http/route';
import { focusSessionsQuerySchema } from '@/lib/shared/schemas/focus';

// GET /api/focus/sessions?from&to – ended focus sessions started in [from, to), newest first (conditional on scope `focus`)
export const GET = route({ query: focusSessionsQuerySchema, etag: () => ({ scopes: ['focus'] }) }, ({ principal, query, deviceId }) =>
  listSessions({ userId: principal.userId, deviceId }, query),
);
