import 'server-only';
import { read } from '@/lib/server/platform/http/read';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Quest, QuestCreateInput, QuestDeleted, QuestList, QuestPatchInput, QuestProgressInput } from '@/lib/shared/schemas/quests';
import { xpProgress, type XpProgress } from '@/lib/shared/xp';
import { writeChange, type ServiceContext, type WriteScope } from '@/lib/server/platform/changes';
import { getDb, type Db, type Tx } from '@/lib/server/platform/db/client';
import { quests } from './schema';
import { badRequest, conflict, notFound } from '@/lib/server/platform/errors';

type QuestRow = typeof quests.$inferSelect;
type QuestChange = Partial<Omit<QuestRow, 'id' | 'userId' | 'serverVersion' | 'updatedAt' | 'createdAt'>>;

const MAX_LISTED = 1000;
const isRecordId = (id: string) => z.guid().safeParse(id).success;

function toQuest(row: QuestRow): Quest {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    target: row.target,
    progress: row.progress,
    xpReward: row.xpReward,
    deadline: row.deadline,
    completedAt: row.completedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The caller's live quest; a malformed, unknown, deleted or foreign id is a 404 alike. */
async function getQuestOrThrow(tx: Tx, ctx: ServiceContext, id: string): Promise<QuestRow> {
  const row = isRecordId(id)
    ? await tx
        .select()
        .from(quests)
        .where(and(eq(quests.id, id), eq(quests.userId, ctx.userId), isNull(quests.deletedAt)))
        .get()
    : undefined;
  if (!row) throw notFound('Quest');
  return row;
}

async function saveQuest(w: WriteScope, ctx: ServiceContext, id: string, change: QuestChange): Promise<QuestRow> {
  const [row] = await w.tx
    .update(quests)
    .set({ ...change, serverVersion: w.serverVersion, updatedAt: w.now })
    .where(and(eq(quests.id, id), eq(quests.userId, ctx.userId)))
    .returning();
  if (!row) throw notFound('Quest');
  return row;
}

/** Total XP (completed, live quests) with its level; Progress reads it too. */
export async function getXp(ctx: ServiceContext, db: Db | Tx = getDb()): Promise<XpProgress> {
  const row = await db
    .select({ total: sql<number>`coalesce(sum(${quests.xpReward}), 0)` })
    .from(quests)
    .where(and(eq(quests.userId, ctx.userId), isNull(quests.deletedAt), isNotNull(quests.completedAt)))
    .get();
  return xpProgress(Number(row?.total ?? 0));
}

export const listQuests = read<QuestList>({ scopes: ['quests'] }, async (ctx) => {
  const db = getDb();
  const rows = await db
    .select()
    .from(quests)
    .where(and(eq(quests.userId, ctx.userId), isNull(quests.deletedAt)))
    .orderBy(desc(quests.createdAt), desc(quests.id))
    .limit(MAX_LISTED);
  return { quests: rows.map(toQuest), xp: await getXp(ctx, db) };
});

export async function createQuest(ctx: ServiceContext, input: QuestCreateInput): Promise<Quest> {
  return writeChange(ctx, ['quests'], async (w) => {
    const [row] = await w.tx
      .insert(quests)
      .values({
        id: randomUUID(),
        userId: ctx.userId,
        createdAt: w.now,
        updatedAt: w.now,
        serverVersion: w.serverVersion,
        title: input.title,
        description: input.description ?? null,
        target: input.target,
        progress: 0,
        xpReward: input.xpReward,
        deadline: input.deadline ?? null,
      })
      .returning();
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
  return writeChange(ctx, ['quests', 'progress'], async (w) => {
    const quest = await getQuestOrThrow(w.tx, ctx, id);
    await saveQuest(w, ctx, quest.id, { deletedAt: w.now });
    return { id: quest.id, deletedAt: w.now };
  });
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

export async function completeQuest(ctx: ServiceContext, id: string): Promise<Quest> {
  return writeChange(ctx, ['quests', 'progress'], async (w) => {
    const quest = await getQuestOrThrow(w.tx, ctx, id);
    if (quest.completedAt !== null) throw conflict('This quest is already completed');
    return toQuest(await saveQuest(w, ctx, quest.id, { completedAt: w.now, progress: quest.target }));
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
