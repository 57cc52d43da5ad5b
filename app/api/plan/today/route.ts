import { route } from '@/lib/server/platform/http/route';
import { getTodayPlan } from '@/lib/server/domains/plan/service';

// GET /api/plan/today – today's plan (null until generated) and the check-ins due now
export const GET = route({ read: getTodayPlan });
