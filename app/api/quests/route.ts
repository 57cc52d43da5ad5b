import { pageQuerySchema } from '@/lib/shared/schemas/fields';
import { route } from '@/lib/server/platform/http/route';
import { json } from '@/lib/server/platform/http/respond';
import { createQuest, listQuests } from '@/lib/server/domains/quests/service';
import { questCreateSchema } from '@/lib/shared/schemas/quests';

// GET /api/quests – every quest of the user with total XP and level
export const GET = route({ query: pageQuerySchema, read: listQuests });

// POST /api/quests – create a quest ({title, description?, target, xpReward, deadline?})
export const POST = route({ body: questCreateSchema }, async ({ principal, body, deviceId }) =>
  json(await createQuest({ userId: principal.userId, deviceId }, body), { status: 201 }),
);
