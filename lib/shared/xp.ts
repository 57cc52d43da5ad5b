/**
 * Experience points and levels, shared by Quests and Progress. Total XP is the sum of the
 * XP rewards of completed quests. Going from level L to L + 1 takes XP_STEP × L points, so the
 * first levels come quickly and each later one asks a little more.
 */

export const XP_STEP = 100;

export interface XpProgress {
  /** All XP earned. */
  total: number;
  /** Starts at 1. */
  level: number;
  /** XP earned since reaching the current level. */
  intoLevel: number;
  /** XP the current level spans: the next level comes at intoLevel === forNextLevel. */
  forNextLevel: number;
}

/** The total XP at which `level` begins (level 1 at 0). */
export function xpToReachLevel(level: number): number {
  const l = Math.max(1, Math.floor(level));
  return (XP_STEP * l * (l - 1)) / 2;
}

/** Level and progress inside it for a total; negative or fractional totals count as their floor, at least 0. */
export function xpProgress(total: number): XpProgress {
  const xp = Number.isFinite(total) ? Math.max(0, Math.floor(total)) : 0;
  // Solve XP_STEP·L(L−1)/2 = xp for L, then correct the float estimate by whole steps.
  let level = Math.max(1, Math.floor((1 + Math.sqrt(1 + (8 * xp) / XP_STEP)) / 2));
  while (xpToReachLevel(level + 1) <= xp) level += 1;
  while (level > 1 && xpToReachLevel(level) > xp) level -= 1;
  const start = xpToReachLevel(level);
  return { total: xp, level, intoLevel: xp - start, forNextLevel: xpToReachLevel(level + 1) - start };
}

/** Total XP of a set of quests: only completed ones count. */
export function totalXp(quests: readonly { xpReward: number; completedAt: number | null }[]): number {
  return quests.reduce((sum, q) => (q.completedAt === null ? sum : sum + q.xpReward), 0);
}
