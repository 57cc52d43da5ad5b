import { route } from '@/lib/server/platform/http/route';
import { generateTodayPlan } from '@/lib/server/domains/plan/service';
import { planGenerateSchema } from '@/lib/shared/schemas/plan';

// POST /api/plan/today/generate – build today's plan, or rebuild it keeping completed items ({focusGoalMinutes?})
export const POST = route({ body: planGenerateSchema }, ({ principal, body, deviceId }) => generateTodayPlan({ userId: principal.userId, deviceId }, body));
