import { route } from '@/lib/server/platform/http/route';
import { bootstrapTasks } from '@/lib/server/domains/tasks/service';
import { bootstrapQuerySchema } from '@/lib/shared/schemas/tasks-sync';

// GET /api/sync/bootstrap?clientId – latest snapshots + the ops after them + serverSeq
export const GET = route({ query: bootstrapQuerySchema }, ({ principal, query, deviceId }) => bootstrapTasks({ userId: principal.userId, deviceId }, query));
