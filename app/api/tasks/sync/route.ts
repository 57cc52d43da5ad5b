import { route } from '@/lib/server/platform/http/route';
import { syncTasks } from '@/lib/server/domains/tasks/service';
import { tasksSyncBodySchema } from '@/lib/shared/schemas/tasks-sync';

// POST /api/tasks/sync – push and pull in one round trip ({clientId, since, ops})
export const POST = route({ body: tasksSyncBodySchema }, ({ principal, body, deviceId }) => syncTasks({ userId: principal.userId, deviceId }, body));
