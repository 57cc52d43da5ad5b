/**
 * Today's focus goal in minutes, without Zod: Today's form checks it on the page with these rules (its
 * page loads no Zod, decision 059), and `planGenerateSchema` states the same, with the same
 * messages, to the server.
 */
export const MIN_FOCUS_GOAL_MINUTES = 5;
export const MAX_FOCUS_GOAL_MINUTES = 720;

export const FOCUS_GOAL_MESSAGES = {
  number: 'Enter a number of minutes',
  whole: 'Use whole minutes',
  low: `At least ${MIN_FOCUS_GOAL_MINUTES} minutes`,
  high: `At most ${MAX_FOCUS_GOAL_MINUTES} minutes`,
} as const;

/** What is wrong with a goal, the schema's first issue for it; null when it is fine. */
export function focusGoalProblem(minutes: number): string | null {
  if (!Number.isFinite(minutes)) return FOCUS_GOAL_MESSAGES.number;
  // Zod's `.int()` is a safe integer: 1e20 is not one.
  if (!Number.isSafeInteger(minutes)) return FOCUS_GOAL_MESSAGES.whole;
  if (minutes < MIN_FOCUS_GOAL_MINUTES) return FOCUS_GOAL_MESSAGES.low;
  if (minutes > MAX_FOCUS_GOAL_MINUTES) return FOCUS_GOAL_MESSAGES.high;
  return null;
}
