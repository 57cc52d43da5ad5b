import { route } from '@/lib/server/platform/http/route';
import { getProgress } from '@/lib/server/domains/progress/service';
import { progressQuerySchema } from '@/lib/shared/schemas/progress';

// GET /api/progress?days=7|30|90 – focus, habits, mood and reading per day, quests, XP and books over the user's last local days (30 by default)
export const GET = route({ query: progressQuerySchema, read: getProgress });
