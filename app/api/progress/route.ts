import { route } from '@/lib/server/platform/http/route';
import { getProgress } from '@/lib/server/domains/progress/service';

// GET /api/progress – focus minutes per day, habit completion, quests, XP and reading over the last 30 local days
export const GET = route({ read: getProgress });
