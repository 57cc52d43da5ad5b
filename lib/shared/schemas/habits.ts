import { z } from 'zod';
import { localDaySchema, patchOf, text, wholeNumber } from './fields';
import type { HabitLogStatus } from '../habit-streaks';

const name = text().trim().min(1, 'Name the habit').max(100, 'Use at most 100 characters');
const cadence = z.enum(['daily', 'weekly']);
const timesPerWeek = wholeNumber().min(1, 'At least once a week').max(7, 'At most 7 times a week');
const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #e04a12')
  .nullable();

/** A habit's fields, as the web writes them and native sync stores them. */
export const habitFields = { name, cadence, timesPerWeek, color };

const weeklyNeedsTimes = (h: { cadence?: string; timesPerWeek?: number }) => h.cadence !== 'weekly' || h.timesPerWeek !== undefined;
const weeklyNeedsTimesIssue = { message: 'Say how many times a week', path: ['timesPerWeek'] };

export const habitCreateSchema = z
  .strictObject({ name, cadence, timesPerWeek: timesPerWeek.optional(), color: color.optional() })
  .refine(weeklyNeedsTimes, weeklyNeedsTimesIssue);
export type HabitCreateInput = z.infer<typeof habitCreateSchema>;

export const habitPatchSchema = patchOf({ ...habitFields, archived: z.boolean() }).refine(weeklyNeedsTimes, weeklyNeedsTimesIssue);
export type HabitPatchInput = z.infer<typeof habitPatchSchema>;

export { localDaySchema };

/** POST /api/habits/[id]/log: today unless `day` names an earlier day of the history window. */
export const habitLogSchema = z.strictObject({ day: localDaySchema.optional() });
/** DELETE /api/habits/[id]/log?day= (deviceId may ride along in the query). */
export const habitLogQuerySchema = z.object({ day: localDaySchema.optional() });
export type HabitLogInput = z.infer<typeof habitLogSchema>;

/** A habit as GET /api/habits and every habit write answer it. */
export interface Habit extends HabitLogStatus {
  id: string;
  name: string;
  color: string | null;
  archivedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** GET /api/habits: days are the user's own calendar days (users.timezone). */
export interface HabitList {
  today: string;
  /** First day of the history grid (a Monday). */
  historyFrom: string;
  habits: Habit[];
}

export interface HabitDeleted {
  id: string;
  deletedAt: number;
}
