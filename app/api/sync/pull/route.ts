import { route } from '@/lib/server/platform/http/route';
import { tasksPull } from '@/lib/server/domains/tasks/service';
import { pullQuerySchema } from '@/lib/shared/schemas/tasks-sync';

// GET /api/sync/pull?clientId&since&limit – ops after the cursor, in server order
export const GET = route({ query: pullQuerySchema, read: tasksPull });
