import { getActive } from '@/lib/server/domains/focus/service';
import { route } from '@/lib/server/platform/http/route';

// GET /api/focus/active – the running or paused focus session, if any, and the server clock
export const GET = route({ read: getActive });
