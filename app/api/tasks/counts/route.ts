import { route } from '@/lib/server/platform/http/route';
import { taskCounts } from '@/lib/server/domains/tasks/service';

// "Today" moves at midnight without any write: the ETag also turns over every quarter hour.
const quarterHour = () => String(Math.floor(Date.now() / 900_000));

// GET /api/tasks/counts – {today, overdue, open} in the user's time zone
export const GET = route({ etag: () => ({ scopes: ['tasks', 'profile'], key: quarterHour() }) }, ({ principal }) => taskCounts({ userId: principal.userId }));
