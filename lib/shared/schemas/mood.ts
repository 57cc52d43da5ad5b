import { z } from 'zod';
import { colorSchema, instantSchema, patchOf, recordIdSchema, text, timeRangeQuerySchema } from './fields';
import { answerIssues, ASSESSMENT_KINDS } from '../assessments';
import { CADENCES } from '../checkins';

export const MAX_ACTIVITIES_PER_ENTRY = 20;

export const moodNotesSchema = text().trim().max(2000).nullable();

// Each write has its parsed type (what the server sees) and its `…Input` type (what a client sends).

// Mood entries

export const moodScoreSchema = z.number().int().min(1, 'Scores run from 1 to 10').max(10, 'Scores run from 1 to 10');
export const activityIdsSchema = z
  .array(recordIdSchema)
  .max(MAX_ACTIVITIES_PER_ENTRY)
  .refine((ids) => new Set(ids).size === ids.length, 'Choose each activity once');

export const moodEntryCreateSchema = z.strictObject({
  score: moodScoreSchema,
  activityIds: activityIdsSchema.default([]),
  notes: moodNotesSchema.optional().transform((v) => v || null),
  /** When the mood was felt; now when left out. */
  recordedAt: instantSchema.optional(),
});
export type MoodEntryCreate = z.infer<typeof moodEntryCreateSchema>;
export type MoodEntryCreateInput = z.input<typeof moodEntryCreateSchema>;

export const moodEntryPatchSchema = patchOf({
  score: moodScoreSchema,
  activityIds: activityIdsSchema,
  notes: moodNotesSchema.transform((v) => v || null),
  recordedAt: instantSchema,
});
export type MoodEntryPatch = z.infer<typeof moodEntryPatchSchema>;
export type MoodEntryPatchInput = z.input<typeof moodEntryPatchSchema>;

export const rangeQuerySchema = timeRangeQuerySchema;
export type TimeRange = z.infer<typeof rangeQuerySchema>;

export interface MoodEntry {
  id: string;
  score: number;
  activityIds: string[];
  notes: string | null;
  recordedAt: number;
  createdAt: number;
  updatedAt: number;
}

// Activities

export const activityLabelSchema = text().trim().min(1, 'Give the activity a name').max(50);

export const activityCreateSchema = z.strictObject({
  label: activityLabelSchema,
  color: colorSchema
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});
export type ActivityCreate = z.infer<typeof activityCreateSchema>;
export type ActivityCreateInput = z.input<typeof activityCreateSchema>;

export const activityPatchSchema = patchOf({ label: activityLabelSchema, color: colorSchema.nullable() });
export type ActivityPatch = z.infer<typeof activityPatchSchema>;
export type ActivityPatchInput = z.input<typeof activityPatchSchema>;

export interface Activity {
  id: string;
  label: string;
  color: string | null;
  createdAt: number;
  updatedAt: number;
}

// Assessments

export const assessmentKindSchema = z.enum(ASSESSMENT_KINDS);

/** The answers are checked against the questionnaire's definition; the score is the server's to compute. */
export const assessmentTakeSchema = z
  .strictObject({
    kind: assessmentKindSchema,
    answers: z.record(z.string(), z.number().int()),
  })
  .superRefine((input, ctx) => {
    for (const issue of answerIssues(input.kind, input.answers)) ctx.addIssue({ code: 'custom', path: ['answers', ...issue.path], message: issue.message });
  });
export type AssessmentTake = z.infer<typeof assessmentTakeSchema>;

export interface Assessment {
  id: string;
  kind: z.infer<typeof assessmentKindSchema>;
  answers: Record<string, number>;
  score: number;
  takenAt: number;
}

// Schedules

export const cadenceSchema = z.enum(CADENCES);

export const scheduleCreateSchema = z.strictObject({
  kind: assessmentKindSchema,
  cadence: cadenceSchema,
  /** The first time it comes due; now when left out. */
  nextDueAt: instantSchema.optional(),
  enabled: z.boolean().default(true),
});
export type ScheduleCreate = z.infer<typeof scheduleCreateSchema>;
export type ScheduleCreateInput = z.input<typeof scheduleCreateSchema>;

export const schedulePatchSchema = patchOf({ kind: assessmentKindSchema, cadence: cadenceSchema, nextDueAt: instantSchema, enabled: z.boolean() });
export type SchedulePatch = z.infer<typeof schedulePatchSchema>;
export type SchedulePatchInput = z.input<typeof schedulePatchSchema>;

export interface Schedule {
  id: string;
  kind: z.infer<typeof assessmentKindSchema>;
  cadence: z.infer<typeof cadenceSchema>;
  nextDueAt: number;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

/** What POST /api/mood/assessments answers: the stored result and the schedules it moved on. */
export interface AssessmentTaken {
  assessment: Assessment;
  advanced: Schedule[];
}
