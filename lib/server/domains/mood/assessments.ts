import 'server-only';
import { read } from '@/lib/server/platform/http/read';
import { and, desc, eq } from 'drizzle-orm';
import { isAssessmentKind, scoreAssessment } from '@/lib/shared/assessments';
import type { Assessment, AssessmentTake, AssessmentTaken } from '@/lib/shared/schemas/mood';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { ownedRecords } from '@/lib/server/platform/db/owned';
import { getDb } from '@/lib/server/platform/db/client';
import { assessments } from './schema';
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

const ownedAssessments = ownedRecords(assessments, 'Assessment', (row) => isAssessmentKind(row.kind));
const getAssessmentOrThrow = ownedAssessments.getOrThrow;

/** The most recent results, newest first. */
export const listAssessments = read<Assessment[]>({ scopes: ['mood'] }, async (ctx) => {
  const rows = await getDb()
    .select()
    .from(assessments)
    .where(ownedAssessments.live(ctx))
    .orderBy(desc(assessments.takenAt), desc(assessments.id))
    .limit(MAX_LISTED);
  // Native clients sync rows as they are; a kind this server does not define is not shown.
  return rows.filter((r) => isAssessmentKind(r.kind)).map(toAssessment);
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
  return writeChange(ctx, ['mood'], async (w) => {
    const current = await getAssessmentOrThrow(w.tx, ctx, id);
    await w.tx
      .update(assessments)
      .set({ deletedAt: w.now, serverVersion: w.serverVersion, updatedAt: w.now })
      .where(and(eq(assessments.id, current.id), eq(assessments.userId, ctx.userId)));
    return toAssessment(current);
  });
}
