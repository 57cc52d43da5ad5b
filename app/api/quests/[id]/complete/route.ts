import { route } from '@/lib/server/platform/http/route';
import { completeQuest } from '@/lib/server/domains/quests/service';

// POST /api/quests/[id]/complete – complete a quest: progress reaches its target and its XP counts (409 if already completed)
export const POST = route({}, ({ principal, params, deviceId }) => completeQuest({ userId: principal.userId, deviceId }, String(params.id)));
