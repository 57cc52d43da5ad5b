import { route } from '@/lib/server/platform/http/route';
import { createEvent, listEvents } from '@/lib/server/domains/planner/service';
import { plannerEventCreateSchema, plannerEventsQuerySchema } from '@/lib/shared/schemas/planner';

// GET /api/planner/events?from&to – live events overlapping [from, to), earliest first
export const GET = route({ query: plannerEventsQuerySchema, read: listEvents });

// POST /api/planner/events – add an event (400 unless it ends after it starts)
export const POST = route({ body: plannerEventCreateSchema }, ({ principal, body, deviceId }) => createEvent({ userId: principal.userId, deviceId }, body));
