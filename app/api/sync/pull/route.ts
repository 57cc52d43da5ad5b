import { route } from '@/lib/server/platform/http/route';
import { pullTasks } from '@/lib/server/domains/tasks/service';
import { pullQuerySchema } from '@/lib/shared/schemas/tasks-sync';

// GET /api/sync/pull?clientId&since&limit – ops after the cursor, in server order (304 when nothing new)
export const GET = route({ query: pullQuerySchema, etag: () => ({ scopes: ['tasks'] }) }, ({ principal, query, deviceId }) =>
  pullTasks({ userId: principal.userId, deviceId }, query),
);
