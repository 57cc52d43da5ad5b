import { createHabit, listHabits } from '@/lib/server/domains/habits/service';
import { route } from '@/lib/server/platform/http/route';
import { json } from '@/lib/server/platform/http/respond';
import { habitCreateSchema } from '@/lib/shared/schemas/habits';

/** Every UTC offset is a multiple of 15 minutes, so each user's local midnight starts a new quarter hour. */
const QUARTER_HOUR_MS = 15 * 60_000;

// GET /api/habits – habits with today's log, streak and 12-week history (conditional on scopes `habits` and `profile`,
// and on the quarter hour: "today" moves at the user's midnight without any write)
export const GET = route(
  { etag: () => ({ scopes: ['habits', 'profile'], key: String(Math.floor(Date.now() / QUARTER_HOUR_MS)) }) },
  ({ principal, deviceId }) => listHabits({ userId: principal.userId, deviceId }),
);

// POST /api/habits – create a habit ({name, cadence: daily | weekly, timesPerWeek?, color?})
export const POST = route({ body: habitCreateSchema }, async ({ principal, body, deviceId }) =>
  json(await createHabit({ userId: principal.userId, deviceId }, body), { status: 201 }),
);
