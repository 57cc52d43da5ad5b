import 'server-only';
import { Page } from '@/lib/server/platform/http/paging';
import { read } from '@/lib/server/platform/http/read';
import { gte, lt } from 'drizzle-orm';
import type { MoodEntry, MoodEntryCreate, MoodEntryPatch, TimeRange } from '@/lib/shared/schemas/mood';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { newestFirst, ownedRecords, viewOf } from '@/lib/server/platform/db/owned';
import { getDb } from '@/lib/server/platform/db/client';
import { moodEntries } from './schema';
import { assertOwnActivities } from './activities';

type MoodEntryRow = typeof moodEntries.$inferSelect;

const toEntry = (row: MoodEntryRow): MoodEntry => viewOf(row);

const ownedEntries = ownedRecords(moodEntries, 'Mood entry');
const getEntryOrThrow = ownedEntries.getOrThrow;

/** Live entries recorded in [from, to), newest first. */
export const listEntries = read<Page<MoodEntry[]>, TimeRange>({ scopes: ['mood'] }, async (ctx, range) => {
  const where = [gte(moodEntries.recordedAt, range.from), lt(moodEntries.recordedAt, range.to)];
  const { rows, next } = await ownedEntries.page(getDb(), ctx, range, { order: newestFirst('recordedAt'), where });
  return new Page(rows.map(toEntry), next);
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
    const row = await ownedEntries.save(w, ctx, current.id, { ...patch });
    return toEntry(row);
  });
}

export async function deleteEntry(ctx: ServiceContext, id: string): Promise<MoodEntry> {
  return writeChange(ctx, ['mood'], async (w) => toEntry(await ownedEntries.remove(w, ctx, id)));
}
