import { route } from '@/lib/server/http/route';
import { bootstrapTasks } from '@/lib/server/tasks';
import { bootstrapQuerySchema } from '@/lib/shared/schemas/tasks-sync';

// GET /api/sync/bootstrap?clientId – latest snapshots + the ops after them + serverSeq
export const GET = route({ query: bootstrapQuerySchema }, ({ principal, query, deviceId }) => bootstrapTasks({ userId: principal.userId, deviceId }, query));
