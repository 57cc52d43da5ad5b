import 'server-only';
import type { PageQuery } from '@/lib/shared/schemas/fields';
import { Page } from '@/lib/server/platform/http/paging';
import { read } from '@/lib/server/platform/http/read';
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { isAssessmentKind, scoreAssessment } from '@/lib/shared/assessments';
import type { Assessment, AssessmentTake, AssessmentTaken } from '@/lib/shared/schemas/mood';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { newestFirst, ownedRecords } from '@/lib/server/platform/db/owned';
import { getDb } from '@/lib/server/platform/db/client';
import { assessments, schedules } from './schema';
import { advanceDueSchedules } from './schedules';

const MAX_LISTED = 100;

type AssessmentRow = typeof assessments.$inferSelect;

function toAssessment(row: AssessmentRow): Assessment {
  if (!isAssessmentKind(row.kind)) throw new Error(`Assessment ${row.id} has unknown kind ${row.kind}`);
  return {
    id: row.id,
    kind: row.kind,
    // The payload is the answer sheet, validated against the definition when it was taken.
    answers: row.payload as Record<string, number>,
    score: row.score,
    takenAt: row.takenAt,
  };
}

const ownedAssessments = ownedRecords(assessments, 'Assessment', { shown: (row) => isAssessmentKind(row.kind) });

/** The most recent results, newest first; paged (a page of 100 unless asked otherwise). */
export const listAssessments = read<Page<Assessment[]>, PageQuery>({ scopes: ['mood'] }, async (ctx, query) => {
  const { rows, next } = await ownedAssessments.page(getDb(), ctx, query, { order: newestFirst('takenAt'), byDefault: MAX_LISTED });
  // Native clients sync rows as they are; a kind this server does not define is not shown.
  return new Page(rows.filter((r) => isAssessmentKind(r.kind)).map(toAssessment), next);
});

/** Stores the answers with the score computed here from the definition, and settles the due schedules of that kind. */
export async function takeAssessment(ctx: ServiceContext, input: AssessmentTake): Promise<AssessmentTaken> {
  const score = scoreAssessment(input.kind, input.answers);
  return writeChange(ctx, ['mood'], async (w) => {
    const row = await ownedAssessments.insert(w, ctx, {
      kind: input.kind,
      payload: input.answers,
      score,
      takenAt: w.now,
    });
    const advanced = await advanceDueSchedules(w, ctx, input.kind);
    return { assessment: toAssessment(row), advanced };
  });
}

export async function deleteAssessment(ctx: ServiceContext, id: string): Promise<Assessment> {
  return writeChange(ctx, ['mood'], async (w) => toAssessment(await ownedAssessments.remove(w, ctx, id)));
}

/** Of the schedules among `scheduleIds`, those whose kind of check-in was taken in [from, to). */
export async function checkinsTakenBetween(ctx: ServiceContext, scheduleIds: readonly string[], from: number, to: number): Promise<Set<string>> {
  if (scheduleIds.length === 0) return new Set();
  const db = getDb();
  const asked = await db
    .select({ id: schedules.id, kind: schedules.assessmentKind })
    .from(schedules)
    .where(and(eq(schedules.userId, ctx.userId), inArray(schedules.id, [...scheduleIds])));
  if (asked.length === 0) return new Set();
  const taken = await db
    .selectDistinct({ kind: assessments.kind })
    .from(assessments)
    .where(
      ownedAssessments.live(
        ctx,
        inArray(assessments.kind, [...new Set(asked.map((s) => s.kind))]),
        gte(assessments.takenAt, from),
        lt(assessments.takenAt, to),
      ),
    );
  const kinds = new Set(taken.map((t) => t.kind));
  return new Set(asked.filter((s) => kinds.has(s.kind)).map((s) => s.id));
}
