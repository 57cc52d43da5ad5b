import { describe, expect, it } from 'vitest';
import { GET as progressRoute } from '@/app/api/progress/route';
import { POST as complete } from '@/app/api/quests/[id]/complete/route';
import { POST as create } from '@/app/api/quests/route';
import type { ProgressSummary } from '@/lib/shared/schemas/progress';
import type { Quest, QuestCompleted } from '@/lib/shared/schemas/quests';
import { xpProgress } from '@/lib/shared/xp';
import { call, createTestUser, type TestUser } from './helpers';

// The level Progress shows is reached by completing quests: the completion's answer carries the XP
// it leaves the user at and the level it raised them to, so the Quests page can say so at once.

async function createQuest(user: TestUser, xpReward: number): Promise<Quest> {
  const res = await call(create, '/api/quests', { method: 'POST', cookie: user.cookie, body: { title: `Worth ${xpReward}`, target: 1, xpReward } });
  expect(res.status).toBe(201);
  return res.json();
}

async function completeQuest(user: TestUser, id: string): Promise<QuestCompleted> {
  const res = await call(complete, `/api/quests/${id}/complete`, { method: 'POST', cookie: user.cookie, params: { id } });
  expect(res.status).toBe(200);
  return res.json();
}

describe('POST /api/quests/[id]/complete', () => {
  it('answers the completed quest with its fields as before, the new XP and the level it reached', async () => {
    const user = await createTestUser();
    const quests = [await createQuest(user, 150), await createQuest(user, 10), await createQuest(user, 200)];

    const first = await completeQuest(user, quests[0].id);
    expect(first).toMatchObject({ id: quests[0].id, title: 'Worth 150', target: 1, progress: 1, xpReward: 150, completedAt: expect.any(Number) });
    expect(first.xp).toEqual(xpProgress(150));
    expect(first.levelReached).toBe(2);

    const small = await completeQuest(user, quests[1].id);
    expect(small.xp).toEqual(xpProgress(160));
    expect(small.levelReached).toBeNull();

    const big = await completeQuest(user, quests[2].id);
    expect(big.xp).toEqual(xpProgress(360));
    expect(big.levelReached).toBe(3);

    // The same XP and level as the Progress page shows.
    const progress: ProgressSummary = await (await call(progressRoute, '/api/progress', { cookie: user.cookie })).json();
    expect(progress.xp).toEqual(big.xp);
  });

  it('reaches no level with a quest worth no XP', async () => {
    const user = await createTestUser();
    const quest = await createQuest(user, 0);
    expect(await completeQuest(user, quest.id)).toMatchObject({ xp: xpProgress(0), levelReached: null });
  });
});
