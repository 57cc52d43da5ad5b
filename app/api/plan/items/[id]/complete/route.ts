import { route } from '@/lib/server/platform/http/route';
import { completePlanItem, reopenPlanItem } from '@/lib/server/domains/plan/service';

// POST /api/plan/items/[id]/complete – check a plan item off (a habit item logs the habit for today)
export const POST = route({}, ({ principal, params, deviceId }) => completePlanItem({ userId: principal.userId, deviceId }, String(params.id)));

// DELETE /api/plan/items/[id]/complete – undo it (a habit item undoes today's log)
export const DELETE = route({}, ({ principal, params, deviceId }) => reopenPlanItem({ userId: principal.userId, deviceId }, String(params.id)));
