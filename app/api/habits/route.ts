import { createHabit, listHabits } from '@/lib/server/domains/habits/service';
import { route } from '@/lib/server/platform/http/route';
import { json } from '@/lib/server/platform/http/respond';
import { habitCreateSchema } from '@/lib/shared/schemas/habits';

// GET /api/habits – habits with today's log, streak and 12-week history
export const GET = route({ read: listHabits });

// POST /api/habits – create a habit ({name, cadence: daily | weekly, timesPerWeek?, color?})
export const POST = route({ body: habitCreateSchema }, async ({ principal, body, deviceId }) =>
  json(await createHabit({ userId: principal.userId, deviceId }, body), { status: 201 }),
);
