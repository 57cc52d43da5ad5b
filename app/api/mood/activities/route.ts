import { route } from '@/lib/server/platform/http/route';
import { createActivity, listActivities } from '@/lib/server/domains/mood';
import { activityCreateSchema } from '@/lib/shared/schemas/mood';

// GET /api/mood/activities – the caller's activities by label
export const GET = route({ read: listActivities });

// POST /api/mood/activities – add an activity to tag mood entries with
export const POST = route({ body: activityCreateSchema }, ({ principal, body, deviceId }) => createActivity({ userId: principal.userId, deviceId }, body));
