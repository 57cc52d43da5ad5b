import 'server-only';
import type { PageQuery } from '@/lib/shared/schemas/fields';
import { Page } from '@/lib/server/platform/http/paging';
import { read } from '@/lib/server/platform/http/read';
import { isNotNull, sql } from 'drizzle-orm';
import type { Quest, QuestCompleted, QuestCreateInput, QuestDeleted, QuestList, QuestPatchInput, QuestProgressInput } from '@/lib/shared/schemas/quests';
import { xpProgress, type XpProgress } from '@/lib/shared/xp';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { ownedRecords, tombstone, viewOf } from '@/lib/server/platform/db/owned';
import { getDb, type Db, type Tx } from '@/lib/server/platform/db/client';
import { quests } from './schema';
import { badRequest, conflict } from '@/lib/server/platform/errors';

type QuestRow = typeof quests.$inferSelect;
type QuestChange = Partial<Omit<QuestRow, 'id' | 'userId' | 'serverVersion' | 'updatedAt' | 'createdAt'>>;

const toQuest = (row: QuestRow): Quest => viewOf(row);

const ownedQuests = ownedRecords(quests, 'Quest');
const getQuestOrThrow = ownedQuests.getOrThrow;

const saveQuest = ownedQuests.save;

/** Total XP (completed, live quests) with its level; Progress reads it too. */
export async function getXp(ctx: ServiceContext, db: Db | Tx = getDb()): Promise<XpProgress> {
  const row = await db
    .select({ total: sql<number>`coalesce(sum(${quests.xpReward}), 0)` })
    .from(quests)
    .where(ownedQuests.live(ctx, isNotNull(quests.completedAt)))
    .get();
  return xpProgress(Number(row?.total ?? 0));
}

/** Quests, most recently added first, with the XP they have earned; paged. */
export const listQuests = read<Page<QuestList>, PageQuery>({ scopes: ['quests'] }, async (ctx, query) => {
  const db = getDb();
  const { rows, next } = await ownedQuests.page(db, ctx, query);
  return new Page({ quests: rows.map(toQuest), xp: await getXp(ctx, db), ...(next ? { nextCursor: next } : {}) }, next);
});

export async function createQuest(ctx: ServiceContext, input: QuestCreateInput): Promise<Quest> {
  return writeChange(ctx, ['quests'], async (w) => {
    const row = await ownedQuests.insert(w, ctx, {
      title: input.title,
      description: input.description ?? null,
      target: input.target,
      progress: 0,
      xpReward: input.xpReward,
      deadline: input.deadline ?? null,
    });
    return toQuest(row);
  });
}

/** Edits the quest; its XP reward counts towards Progress once completed, hence the scope. */
export async function updateQuest(ctx: ServiceContext, id: string, patch: QuestPatchInput): Promise<Quest> {
  return writeChange(ctx, ['quests', 'progress'], async (w) => {
    const quest = await getQuestOrThrow(w.tx, ctx, id);
    const change: QuestChange = { ...patch };
    if (patch.target !== undefined) {
      // A completed quest stays at its target; an open one never ends up past it.
      change.progress = quest.completedAt !== null ? patch.target : Math.min(quest.progress, patch.target);
    }
    return toQuest(await saveQuest(w, ctx, quest.id, change));
  });
}

export async function deleteQuest(ctx: ServiceContext, id: string): Promise<QuestDeleted> {
  return writeChange(ctx, ['quests', 'progress'], async (w) => tombstone(await ownedQuests.remove(w, ctx, id), w));
}

/** Moves progress by a step (clamped to 0…target) or sets it; a completed quest must be reopened first. */
export async function setQuestProgress(ctx: ServiceContext, id: string, input: QuestProgressInput): Promise<Quest> {
  return writeChange(ctx, ['quests'], async (w) => {
    const quest = await getQuestOrThrow(w.tx, ctx, id);
    if (quest.completedAt !== null) throw conflict('This quest is completed; reopen it to change its progress');
    let progress: number;
    if ('to' in input) {
      if (input.to > quest.target) throw badRequest(`Progress cannot go past the target of ${quest.target}`);
      progress = input.to;
    } else {
      progress = Math.min(quest.target, Math.max(0, quest.progress + input.by));
    }
    return toQuest(await saveQuest(w, ctx, quest.id, { progress }));
  });
}

/** Completes the quest; the answer says where its XP leaves the user, and which level it reached, if any. */
export async function completeQuest(ctx: ServiceContext, id: string): Promise<QuestCompleted> {
  return writeChange(ctx, ['quests', 'progress'], async (w) => {
    const quest = await getQuestOrThrow(w.tx, ctx, id);
    if (quest.completedAt !== null) throw conflict('This quest is already completed');
    const before = await getXp(ctx, w.tx);
    const completed = toQuest(await saveQuest(w, ctx, quest.id, { completedAt: w.now, progress: quest.target }));
    const xp = await getXp(ctx, w.tx);
    return { ...completed, xp, levelReached: xp.level > before.level ? xp.level : null };
  });
}

/** Reopens a completed quest: its XP no longer counts, its progress stays where it was. */
export async function reopenQuest(ctx: ServiceContext, id: string): Promise<Quest> {
  return writeChange(ctx, ['quests', 'progress'], async (w) => {
    const quest = await getQuestOrThrow(w.tx, ctx, id);
    if (quest.completedAt === null) throw conflict('This quest is not completed');
    return toQuest(await saveQuest(w, ctx, quest.id, { completedAt: null }));
  });
}
