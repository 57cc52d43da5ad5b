import { route } from '@/lib/server/platform/http/route';
import { reopenQuest } from '@/lib/server/domains/quests/service';

// POST /api/quests/[id]/reopen – reopen a completed quest; its XP stops counting (409 if it is open)
export const POST = route({}, ({ principal, params, deviceId }) => reopenQuest({ userId: principal.userId, deviceId }, String(params.id)));
