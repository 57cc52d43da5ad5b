import { route } from '@/lib/server/platform/http/route';
import { deleteQuest, updateQuest } from '@/lib/server/domains/quests/service';
import { questPatchSchema } from '@/lib/shared/schemas/quests';

// PATCH /api/quests/[id] – edit a quest's title, description, target, XP reward or deadline
export const PATCH = route({ body: questPatchSchema }, ({ principal, body, params, deviceId }) =>
  updateQuest({ userId: principal.userId, deviceId }, String(params.id), body),
);

// DELETE /api/quests/[id] – delete a quest (soft: native clients sync the deletion)
export const DELETE = route({}, ({ principal, params, deviceId }) => deleteQuest({ userId: principal.userId, deviceId }, String(params.id)));
