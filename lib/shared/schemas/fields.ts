import { z } from 'zod';
import { STORABLE, UNSTORABLE_TEXT_MESSAGE } from '../storable-text';

export { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../storable-text';

// Field schemas shared by the web's request schemas and native sync's record schemas, so one rule
// set serves both (the rule-case table in test/server/rule-cases.test.ts runs each rule through both).

/** Every text field of every API: a string refused (400) when it holds NUL or a lone surrogate. */
export function text() {
  return z.string().regex(STORABLE, { message: UNSTORABLE_TEXT_MESSAGE, abort: true });
}

/** Milliseconds since the epoch, up to the largest instant JavaScript can represent (it round-trips through Date). */
export const instantSchema = z.number().int().min(0).max(8_640_000_000_000_000);

export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #3b82f6');

export const recordIdSchema = z.guid('Use a UUID');

/** A local calendar day; years before 1970 are refused (Date.UTC maps years < 100 to 19xx). */
export const localDaySchema = z.iso.date('Use a date like 2026-03-18').refine((d) => d >= '1970-01-01', 'Use a date from 1970 on');

/** Optional text whose blank is stored as none (null). */
export function blankAsNull(field: z.ZodString) {
  return field.nullable().transform((v) => v || null);
}

/** A whole number, with the messages a form shows. */
export const wholeNumber = () => z.number({ error: 'Enter a number' }).int('Use a whole number');

/** A PATCH body: any of the fields (each optional), unknown ones refused, and at least one given (OpenAPI: minProperties 1). */
export function patchOf<S extends z.ZodRawShape>(shape: S) {
  return z
    .strictObject(shape)
    .partial()
    .refine((p) => Object.values(p).some((v) => v !== undefined), 'Change at least one field')
    .meta({ minProperties: 1 });
}

const DAY_MS = 24 * 3600_000;

/** The largest page a list answers; `?limit` may ask for fewer. */
export const MAX_PAGE = 1000;

/**
 * `?cursor&limit` of every list: a list cut at `limit` says so with a `Link: <…>; rel="next"` header
 * (RFC 8288) that carries the next page's URL; the cursor is opaque, only ever the one the server sent.
 */
export const pageFields = {
  cursor: z.string().min(1).max(400).optional().describe('From the previous page’s `Link: …; rel="next"` header; leave out for the first page.'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional().describe(`Page size, at most ${MAX_PAGE} (the default).`),
};
export const pageQuerySchema = z.object(pageFields);
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** `?from&to` of a list over time: a forward span of at most a year, paged. */
export const timeRangeQuerySchema = z
  .object({
    from: z.coerce.number().int().min(0),
    to: z.coerce.number().int().min(0),
    ...pageFields,
  })
  .refine((q) => q.to > q.from, 'to must be after from')
  .refine((q) => q.to - q.from <= 366 * DAY_MS, 'Ask for at most one year at a time');
