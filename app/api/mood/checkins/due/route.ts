import { route } from '@/lib/server/platform/http/route';
import { dueCheckinsNow } from '@/lib/server/domains/mood';

// GET /api/mood/checkins/due – the check-ins due now, longest-waiting first
export const GET = route({ read: dueCheckinsNow });
