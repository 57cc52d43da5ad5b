import { logHabit, undoHabitLog } from '@/lib/server/domains/habits/service';
import { route } from '@/lib/server/platform/http/route';
import { habitLogQuerySchema, habitLogSchema } from '@/lib/shared/schemas/habits';

// POST /api/habits/[id]/log – log today, or {day} within the 12-week history (409 if already logged or archived)
export const POST = route({ body: habitLogSchema }, ({ principal, body, params, deviceId }) =>
  logHabit({ userId: principal.userId, deviceId }, String(params.id), body),
);

// DELETE /api/habits/[id]/log?day= – undo today's log, or that day's (404 when nothing is logged)
export const DELETE = route({ query: habitLogQuerySchema }, ({ principal, query, params, deviceId }) =>
  undoHabitLog({ userId: principal.userId, deviceId }, String(params.id), query),
);
