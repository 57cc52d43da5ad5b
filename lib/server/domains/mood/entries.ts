import 'server-only';
import { read } from '@/lib/server/platform/http/read';
import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type { MoodEntry, MoodEntryCreate, MoodEntryPatch, TimeRange } from '@/lib/shared/schemas/mood';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { ownedRecords, viewOf } from '@/lib/server/platform/db/owned';
import { getDb } from '@/lib/server/platform/db/client';
import { moodEntries } from './schema';
import { assertOwnActivities } from './activities';

const MAX_LISTED = 1000;

type MoodEntryRow = typeof moodEntries.$inferSelect;

const toEntry = (row: MoodEntryRow): MoodEntry => viewOf(row);

const ownedEntries = ownedRecords(moodEntries, 'Mood entry');
const getEntryOrThrow = ownedEntries.getOrThrow;

/** Live entries recorded in [from, to), newest first. */
export const listEntries = read<MoodEntry[], TimeRange>({ scopes: ['mood'] }, async (ctx, range) => {
  const rows = await getDb()
    .select()
    .from(moodEntries)
    .where(ownedEntries.live(ctx, gte(moodEntries.recordedAt, range.from), lt(moodEntries.recordedAt, range.to)))
    .orderBy(desc(moodEntries.recordedAt), desc(moodEntries.id))
    .limit(MAX_LISTED);
  return rows.map(toEntry);
});

export async function createEntry(ctx: ServiceContext, input: MoodEntryCreate): Promise<MoodEntry> {
  return writeChange(ctx, ['mood'], async (w) => {
    await assertOwnActivities(w.tx, ctx, input.activityIds);
    const row = await ownedEntries.insert(w, ctx, {
      score: input.score,
      activityIds: input.activityIds,
      notes: input.notes,
      recordedAt: input.recordedAt ?? w.now,
    });
    return toEntry(row);
  });
}

export async function updateEntry(ctx: ServiceContext, id: string, patch: MoodEntryPatch): Promise<MoodEntry> {
  return writeChange(ctx, ['mood'], async (w) => {
    const current = await getEntryOrThrow(w.tx, ctx, id);
    if (patch.activityIds) await assertOwnActivities(w.tx, ctx, patch.activityIds);
    const [row] = await w.tx
      .update(moodEntries)
      .set({ ...patch, serverVersion: w.serverVersion, updatedAt: w.now })
      .where(and(eq(moodEntries.id, current.id), eq(moodEntries.userId, ctx.userId)))
      .returning();
    return toEntry(row);
  });
}

export async function deleteEntry(ctx: ServiceContext, id: string): Promise<MoodEntry> {
  return writeChange(ctx, ['mood'], async (w) => {
    const current = await getEntryOrThrow(w.tx, ctx, id);
    await w.tx
      .update(moodEntries)
      .set({ deletedAt: w.now, serverVersion: w.serverVersion, updatedAt: w.now })
      .where(and(eq(moodEntries.id, current.id), eq(moodEntries.userId, ctx.userId)));
    return toEntry(current);
  });
}
