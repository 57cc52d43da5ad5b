import 'server-only';
import { MINUTE_MS, read } from '@/lib/server/platform/http/read';
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { isAssessmentKind, type AssessmentKind } from '@/lib/shared/assessments';
import { dueCheckins, nextDueAfter, type DueCheckin } from '@/lib/shared/checkins';
import type { Schedule, ScheduleCreate, SchedulePatch } from '@/lib/shared/schemas/mood';
import { writeChange, type ServiceContext, type WriteScope } from '@/lib/server/platform/changes';
import { ownedRecords } from '@/lib/server/platform/db/owned';
import { getDb } from '@/lib/server/platform/db/client';
import { schedules } from './schema';
import { users } from '@/lib/server/platform/auth/schema';

type ScheduleRow = typeof schedules.$inferSelect;

/** Native clients sync rows as they are; a kind this server does not define is not shown. */
const isKnown = (row: ScheduleRow) => isAssessmentKind(row.assessmentKind);

function toSchedule(row: ScheduleRow): Schedule {
  if (!isAssessmentKind(row.assessmentKind)) throw new Error(`Schedule ${row.id} has unknown kind ${row.assessmentKind}`);
  return {
    id: row.id,
    kind: row.assessmentKind,
    cadence: row.cadence,
    nextDueAt: row.nextDueAt,
    enabled: row.enabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const ownedSchedules = ownedRecords(schedules, 'Schedule', isKnown);
const getScheduleOrThrow = ownedSchedules.getOrThrow;

export const listSchedules = read<Schedule[]>({ scopes: ['mood'] }, async (ctx) => {
  const rows = await getDb().select().from(schedules).where(ownedSchedules.live(ctx)).orderBy(asc(schedules.nextDueAt), asc(schedules.id));
  return rows.filter(isKnown).map(toSchedule);
});

/** The check-ins due at `now` (enabled, next due at or before it), longest-waiting first; the Today page shows them. */
export async function listDueCheckins(ctx: ServiceContext, now: number): Promise<DueCheckin[]> {
  const rows = await getDb()
    .select()
    .from(schedules)
    .where(ownedSchedules.live(ctx, eq(schedules.enabled, true), lte(schedules.nextDueAt, now)))
    .orderBy(asc(schedules.nextDueAt), asc(schedules.id));
  return dueCheckins(rows.filter(isKnown).map(toSchedule), now);
}

/** The check-ins due now: time alone makes a schedule due, so the answer turns over every minute too. */
export const dueCheckinsNow = read<DueCheckin[]>({ scopes: ['mood'], everyMs: MINUTE_MS }, (ctx) => listDueCheckins(ctx, Date.now()));

export async function createSchedule(ctx: ServiceContext, input: ScheduleCreate): Promise<Schedule> {
  return writeChange(ctx, ['mood'], async (w) => {
    const row = await ownedSchedules.insert(w, ctx, {
      assessmentKind: input.kind,
      cadence: input.cadence,
      nextDueAt: input.nextDueAt ?? w.now,
      enabled: input.enabled,
    });
    return toSchedule(row);
  });
}

export async function updateSchedule(ctx: ServiceContext, id: string, patch: SchedulePatch): Promise<Schedule> {
  return writeChange(ctx, ['mood'], async (w) => {
    const current = await getScheduleOrThrow(w.tx, ctx, id);
    const { kind, ...rest } = patch;
    const [row] = await w.tx
      .update(schedules)
      .set({ ...rest, assessmentKind: kind, serverVersion: w.serverVersion, updatedAt: w.now })
      .where(and(eq(schedules.id, current.id), eq(schedules.userId, ctx.userId)))
      .returning();
    return toSchedule(row);
  });
}

export async function deleteSchedule(ctx: ServiceContext, id: string): Promise<Schedule> {
  return writeChange(ctx, ['mood'], async (w) => {
    const current = await getScheduleOrThrow(w.tx, ctx, id);
    await w.tx
      .update(schedules)
      .set({ deletedAt: w.now, serverVersion: w.serverVersion, updatedAt: w.now })
      .where(and(eq(schedules.id, current.id), eq(schedules.userId, ctx.userId)));
    return toSchedule(current);
  });
}

/**
 * Taking a check-in settles every enabled schedule of its kind that is due: each moves on by its
 * cadence to its first occurrence after `w.now`, in the user's time zone. Runs in the taking write.
 */
export async function advanceDueSchedules(w: WriteScope, ctx: ServiceContext, kind: AssessmentKind): Promise<Schedule[]> {
  const due = await w.tx
    .select()
    .from(schedules)
    .where(
      and(
        eq(schedules.userId, ctx.userId),
        isNull(schedules.deletedAt),
        eq(schedules.enabled, true),
        eq(schedules.assessmentKind, kind),
        lte(schedules.nextDueAt, w.now),
      ),
    )
    .orderBy(asc(schedules.nextDueAt), asc(schedules.id));
  if (due.length === 0) return [];
  const user = await w.tx.select({ timezone: users.timezone }).from(users).where(eq(users.id, ctx.userId)).get();
  const timeZone = user?.timezone ?? 'UTC';
  const advanced: Schedule[] = [];
  for (const s of due) {
    const [row] = await w.tx
      .update(schedules)
      .set({ nextDueAt: nextDueAfter(s.nextDueAt, s.cadence, w.now, timeZone), serverVersion: w.serverVersion, updatedAt: w.now })
      .where(and(eq(schedules.id, s.id), eq(schedules.userId, ctx.userId)))
      .returning();
    advanced.push(toSchedule(row));
  }
  return advanced;
}
