import { z } from 'zod';
import { blankAsNull, patchOf, text, wholeNumber } from './fields';
import type { XpProgress } from '../xp';

/** Latest instant a deadline may name (year 9999), so every date input round-trips. */
const LATEST = Date.UTC(9999, 11, 31);

const title = text().trim().min(1, 'Give the quest a title').max(200, 'Use at most 200 characters');
/** Blank descriptions are stored as none. */
const description = blankAsNull(text().trim().max(2000, 'Use at most 2000 characters'));
const target = wholeNumber().min(1, 'The target is at least 1').max(1_000_000, 'The target is at most 1,000,000');
const xpReward = wholeNumber().min(0, 'XP cannot be negative').max(10_000, 'At most 10,000 XP');
/** End of the deadline day, in ms since the epoch; null for none. */
const deadline = z.number().int().min(0).max(LATEST).nullable();

/** A quest's fields, as the web writes them and native sync stores them. */
export const questFields = { title, description, target, xpReward, deadline };

export const questCreateSchema = z.strictObject({
  title,
  description: description.optional(),
  target,
  xpReward,
  deadline: deadline.optional(),
});
export type QuestCreateInput = z.infer<typeof questCreateSchema>;

export const questPatchSchema = patchOf(questFields);
export type QuestPatchInput = z.infer<typeof questPatchSchema>;

/** Progress moves by a step (+1, −1…) or is set to a value; it never leaves 0…target. */
export const questProgressSchema = z.union([
  z.strictObject({
    by: z
      .number()
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .refine((n) => n !== 0, 'Move progress by a non-zero step'),
  }),
  z.strictObject({ to: z.number().int().min(0).max(1_000_000) }),
]);
export type QuestProgressInput = z.infer<typeof questProgressSchema>;

/** A quest as GET /api/quests and every quest write answer it. */
export interface Quest {
  id: string;
  title: string;
  description: string | null;
  target: number;
  progress: number;
  xpReward: number;
  deadline: number | null;
  completedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** GET /api/quests. Overdue is left to the reader: it depends on the clock, not on a write. */
export interface QuestList {
  quests: Quest[];
  xp: XpProgress;
  /** Present when the list was cut: `?cursor=` of the next page (also in the `Link` header). */
  nextCursor?: string;
}

/** POST /api/quests/[id]/complete: the quest as every write answers it, and where its XP leaves the user. */
export interface QuestCompleted extends Quest {
  /** The user's XP and level with this quest counted. */
  xp: XpProgress;
  /** The level this completion raised the user to; null when it stayed the same. */
  levelReached: number | null;
}

export interface QuestDeleted {
  id: string;
  deletedAt: number;
}
