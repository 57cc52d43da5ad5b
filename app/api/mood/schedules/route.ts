import { route } from '@/lib/server/platform/http/route';
import { createSchedule, listSchedules } from '@/lib/server/domains/mood';
import { scheduleCreateSchema } from '@/lib/shared/schemas/mood';

// GET /api/mood/schedules – the caller's check-in schedules, soonest due first
export const GET = route({ read: listSchedules });

// POST /api/mood/schedules – schedule a check-in daily, weekly or monthly
export const POST = route({ body: scheduleCreateSchema }, ({ principal, body, deviceId }) => createSchedule({ userId: principal.userId, deviceId }, body));
