import { route } from '@/lib/server/platform/http/route';
import { pushTasks } from '@/lib/server/domains/tasks/service';
import { pushBodySchema } from '@/lib/shared/schemas/tasks-sync';

// POST /api/sync/push – append a batch of task ops to the op log ({clientId, ops})
export const POST = route({ body: pushBodySchema }, ({ principal, body, deviceId }) => pushTasks({ userId: principal.userId, deviceId }, body));
