import { z } from 'zod';
import { colorSchema, instantSchema, patchOf, text, timeRangeQuerySchema } from './fields';

const DAY_MS = 24 * 3600_000;
/** A single event may last at most this long (a long holiday); longer is almost surely a typo. */
export const MAX_EVENT_MS = 366 * DAY_MS;

export { colorSchema, instantSchema };

/** An event's fields, as the web writes them and native sync stores them (with checkSpan). */
export const eventFields = {
  title: text().trim().min(1, 'Give the event a title').max(200),
  startsAt: instantSchema,
  endsAt: instantSchema,
  allDay: z.boolean(),
  notes: text().trim().max(2000).nullable(),
  color: colorSchema.nullable(),
};

type Span = { startsAt?: number; endsAt?: number };

/** End after start, and not absurdly long; on a patch only when both ends are in it (the service checks the rest). */
export function checkSpan(span: Span, ctx: z.RefinementCtx) {
  if (span.startsAt === undefined || span.endsAt === undefined) return;
  if (span.endsAt <= span.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'The end must be after the start' });
  else if (span.endsAt - span.startsAt > MAX_EVENT_MS) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'An event lasts at most a year' });
}

export const plannerEventCreateSchema = z
  .object({
    ...eventFields,
    allDay: eventFields.allDay.default(false),
    notes: eventFields.notes.optional().transform((v) => v || null),
    color: eventFields.color.optional().transform((v) => v ?? null),
  })
  .strict()
  .superRefine(checkSpan);
export type PlannerEventCreate = z.infer<typeof plannerEventCreateSchema>;
/** What a client sends (defaults and blanks not yet applied). */
export type PlannerEventCreateInput = z.input<typeof plannerEventCreateSchema>;

export const plannerEventPatchSchema = patchOf({ ...eventFields, notes: eventFields.notes.transform((v) => v || null) }).superRefine(checkSpan);
export type PlannerEventPatch = z.infer<typeof plannerEventPatchSchema>;
export type PlannerEventPatchInput = z.input<typeof plannerEventPatchSchema>;

export const plannerEventsQuerySchema = timeRangeQuerySchema;
export type PlannerRange = z.infer<typeof plannerEventsQuerySchema>;

/** An event as the API returns it: epoch ms; all-day events run from local midnight to local midnight. */
export const plannerEventSchema = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: z.number(),
  endsAt: z.number(),
  allDay: z.boolean(),
  notes: z.string().nullable(),
  color: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type PlannerEvent = z.infer<typeof plannerEventSchema>;

export type PlannerEventType = 'event_created' | 'event_updated' | 'event_deleted';
