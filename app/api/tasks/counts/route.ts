import { route } from '@/lib/server/platform/http/route';
import { taskCounts } from '@/lib/server/domains/tasks/service';

// GET /api/tasks/counts – {today, overdue, open} in the user's time zone
export const GET = route({ read: taskCounts });
