import 'server-only';
import { read } from '@/lib/server/platform/http/read';
import { and, asc, inArray, ne, sql } from 'drizzle-orm';
import type { Activity, ActivityCreate, ActivityPatch } from '@/lib/shared/schemas/mood';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { ownedRecords } from '@/lib/server/platform/db/owned';
import { getDb, type Tx } from '@/lib/server/platform/db/client';
import { activities } from './schema';
import { AppError } from '@/lib/server/platform/errors';

type ActivityRow = typeof activities.$inferSelect;

function toActivity(row: ActivityRow): Activity {
  return { id: row.id, label: row.label, color: row.color, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

const ownedActivities = ownedRecords(activities, 'Activity');
const getActivityOrThrow = ownedActivities.getOrThrow;

/** The ids among `ids` that are not the caller's live activities. */
async function unknownActivities(tx: Tx, ctx: ServiceContext, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await tx
    .select({ id: activities.id })
    .from(activities)
    .where(ownedActivities.live(ctx, inArray(activities.id, [...ids])));
  const known = new Set(found.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/**
 * A mood entry may only name the caller's own live activities: a 400 on `activityIds`, web and native
 * alike. `kept`: ids a whole-record native upload carries over from the server's version, which stay
 * valid once their activity is deleted, as past entries keep it (a web PATCH names its list anew).
 */
export async function assertOwnActivities(tx: Tx, ctx: ServiceContext, ids: readonly string[], kept: readonly string[] = []): Promise<void> {
  const keep = new Set(kept);
  const unknown = await unknownActivities(
    tx,
    ctx,
    ids.filter((id) => !keep.has(id)),
  );
  if (unknown.length > 0) {
    throw new AppError(
      'validation_failed',
      `Unknown activities: ${unknown.join(', ')}`,
      unknown.map((id) => ({ path: ['activityIds', ids.indexOf(id)], message: `No activity ${id}` })),
    );
  }
}

/**
 * Two live activities of one user never share a label (case aside): "what goes with better days"
 * counts by activity, and two "Walk"s would split one. A 400 on `label`, web and native alike.
 */
export async function assertLabelFree(tx: Tx, ctx: ServiceContext, label: string, self?: string): Promise<void> {
  const sameLabel = sql`lower(${activities.label}) = ${label.trim().toLowerCase()}`;
  const taken = await tx
    .select({ id: activities.id })
    .from(activities)
    .where(ownedActivities.live(ctx, self ? and(sameLabel, ne(activities.id, self)) : sameLabel))
    .get();
  if (taken)
    throw new AppError('validation_failed', `You already have an activity named ${label.trim()}`, [
      { path: ['label'], message: 'You already have an activity with this name' },
    ]);
}

const sameLabel = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** For a native upload: a new activity, or a renamed one, must not take a label another live activity has. */
export async function assertUploadedLabelFree(tx: Tx, ctx: ServiceContext, label: unknown, before: unknown, id: string): Promise<void> {
  if (typeof label !== 'string') return;
  if (typeof before === 'string' && sameLabel(before, label)) return;
  await assertLabelFree(tx, ctx, label, id);
}

export const listActivities = read<Activity[]>({ scopes: ['mood'] }, async (ctx) => {
  const rows = await getDb().select().from(activities).where(ownedActivities.live(ctx)).orderBy(asc(activities.label), asc(activities.id));
  return rows.map(toActivity);
});

export async function createActivity(ctx: ServiceContext, input: ActivityCreate): Promise<Activity> {
  return writeChange(ctx, ['mood'], async (w) => {
    await assertLabelFree(w.tx, ctx, input.label);
    return toActivity(await ownedActivities.insert(w, ctx, { label: input.label, color: input.color }));
  });
}

export async function updateActivity(ctx: ServiceContext, id: string, patch: ActivityPatch): Promise<Activity> {
  return writeChange(ctx, ['mood'], async (w) => {
    const current = await getActivityOrThrow(w.tx, ctx, id);
    if (patch.label !== undefined && !sameLabel(patch.label, current.label)) await assertLabelFree(w.tx, ctx, patch.label);
    const row = await ownedActivities.save(w, ctx, current.id, { ...patch });
    return toActivity(row);
  });
}

/** Soft-deletes; past mood entries keep the id, and pages show only activities that still exist. */
export async function deleteActivity(ctx: ServiceContext, id: string): Promise<Activity> {
  return writeChange(ctx, ['mood'], async (w) => toActivity(await ownedActivities.remove(w, ctx, id)));
}
