import 'server-only';
import { MINUTE_MS, read } from '@/lib/server/platform/http/read';
import { and, asc, desc, eq, isNull, lte } from 'drizzle-orm';
import { isAssessmentKind, type AssessmentKind } from '@/lib/shared/assessments';
import { advanceDue, dueCheckins, nextDueAfter, type Cadence, type DueCheckin } from '@/lib/shared/checkins';
import type { Schedule, ScheduleCreate, SchedulePatch } from '@/lib/shared/schemas/mood';
import { writeChange, type ServiceContext, type WriteScope } from '@/lib/server/platform/changes';
import { ownedRecords } from '@/lib/server/platform/db/owned';
import { getDb } from '@/lib/server/platform/db/client';
import { assessments, schedules } from './schema';
import { timeZoneOf } from '@/lib/server/platform/auth/time-zone';

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

const ownedSchedules = ownedRecords(schedules, 'Schedule', { shown: isKnown });
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

/**
 * A new schedule due already, whose check-in the user took less than one cadence ago, starts at its
 * next occurrence: that check-in answered this one (a weekly mood check set up right after taking
 * one is not due again at once).
 */
async function firstDue(w: WriteScope, ctx: ServiceContext, kind: AssessmentKind, cadence: Cadence, dueAt: number): Promise<number> {
  if (dueAt > w.now) return dueAt;
  const latest = await w.tx
    .select({ takenAt: assessments.takenAt })
    .from(assessments)
    .where(and(eq(assessments.userId, ctx.userId), isNull(assessments.deletedAt), eq(assessments.kind, kind), lte(assessments.takenAt, w.now)))
    .orderBy(desc(assessments.takenAt))
    .get();
  if (!latest) return dueAt;
  const timeZone = await timeZoneOf(w.tx, ctx.userId);
  return latest.takenAt > advanceDue(w.now, cadence, timeZone, -1) ? nextDueAfter(dueAt, cadence, w.now, timeZone) : dueAt;
}

export async function createSchedule(ctx: ServiceContext, input: ScheduleCreate): Promise<Schedule> {
  return writeChange(ctx, ['mood'], async (w) => {
    const row = await ownedSchedules.insert(w, ctx, {
      assessmentKind: input.kind,
      cadence: input.cadence,
      nextDueAt: await firstDue(w, ctx, input.kind, input.cadence, input.nextDueAt ?? w.now),
      enabled: input.enabled,
    });
    return toSchedule(row);
  });
}

export async function updateSchedule(ctx: ServiceContext, id: string, patch: SchedulePatch): Promise<Schedule> {
  return writeChange(ctx, ['mood'], async (w) => {
    const current = await getScheduleOrThrow(w.tx, ctx, id);
    const { kind, ...rest } = patch;
    const row = await ownedSchedules.save(w, ctx, current.id, { ...rest, assessmentKind: kind });
    return toSchedule(row);
  });
}

export async function deleteSchedule(ctx: ServiceContext, id: string): Promise<Schedule> {
  return writeChange(ctx, ['mood'], async (w) => toSchedule(await ownedSchedules.remove(w, ctx, id)));
}

/**
 * Taking a check-in settles every enabled schedule of its kind that is due: each moves on by its
 * cadence to its first occurrence after `w.now`, in the user's time zone. Runs in the taking write.
 */
export async function advanceDueSchedules(w: WriteScope, ctx: ServiceContext, kind: AssessmentKind): Promise<Schedule[]> {
  const due = await w.tx
    .select()
    .from(schedules)
    .where(ownedSchedules.live(ctx, eq(schedules.enabled, true), eq(schedules.assessmentKind, kind), lte(schedules.nextDueAt, w.now)))
    .orderBy(asc(schedules.nextDueAt), asc(schedules.id));
  if (due.length === 0) return [];
  const timeZone = await timeZoneOf(w.tx, ctx.userId);
  const advanced: Schedule[] = [];
  for (const s of due) {
    const row = await ownedSchedules.save(w, ctx, s.id, { nextDueAt: nextDueAfter(s.nextDueAt, s.cadence, w.now, timeZone) });
    advanced.push(toSchedule(row));
  }
  return advanced;
}
