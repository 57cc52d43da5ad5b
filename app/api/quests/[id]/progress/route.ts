import { route } from '@/lib/server/platform/http/route';
import { setQuestProgress } from '@/lib/server/domains/quests/service';
import { questProgressSchema } from '@/lib/shared/schemas/quests';

// POST /api/quests/[id]/progress – move progress by a step ({by}) or set it ({to}); 409 once completed
export const POST = route({ body: questProgressSchema }, ({ principal, body, params, deviceId }) =>
  setQuestProgress({ userId: principal.userId, deviceId }, String(params.id), body),
);
