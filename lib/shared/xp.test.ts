import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { totalXp, XP_STEP, xpProgress, xpToReachLevel } from './xp';

describe('the XP level curve', () => {
  it('starts at level 1 with nothing earned and the first level spanning one step', () => {
    expect(xpProgress(0)).toEqual({ total: 0, level: 1, intoLevel: 0, forNextLevel: XP_STEP });
  });

  it('reaches level 2 at 100 XP, level 3 at 300 and level 4 at 600', () => {
    expect(xpToReachLevel(1)).toBe(0);
    expect(xpToReachLevel(2)).toBe(100);
    expect(xpToReachLevel(3)).toBe(300);
    expect(xpToReachLevel(4)).toBe(600);
    expect(xpProgress(99)).toEqual({ total: 99, level: 1, intoLevel: 99, forNextLevel: 100 });
    expect(xpProgress(100)).toEqual({ total: 100, level: 2, intoLevel: 0, forNextLevel: 200 });
    expect(xpProgress(450)).toEqual({ total: 450, level: 3, intoLevel: 150, forNextLevel: 300 });
    expect(xpProgress(600)).toEqual({ total: 600, level: 4, intoLevel: 0, forNextLevel: 400 });
  });

  it('treats negative, fractional and non-finite totals as their floor, never below zero', () => {
    expect(xpProgress(-50)).toEqual(xpProgress(0));
    expect(xpProgress(150.9)).toEqual(xpProgress(150));
    expect(xpProgress(Number.NaN)).toEqual(xpProgress(0));
  });

  it('places every total inside exactly one level, with each level one step longer than the last', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), (total) => {
        const p = xpProgress(total);
        expect(p.total).toBe(total);
        expect(p.intoLevel).toBeGreaterThanOrEqual(0);
        expect(p.intoLevel).toBeLessThan(p.forNextLevel);
        expect(xpToReachLevel(p.level) + p.intoLevel).toBe(total);
        expect(p.forNextLevel).toBe(XP_STEP * p.level);
      }),
    );
  });

  it('never lowers the level when XP grows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000 }), (a, extra) => {
        expect(xpProgress(a + extra).level).toBeGreaterThanOrEqual(xpProgress(a).level);
      }),
    );
  });

  it('sums the rewards of completed quests only', () => {
    expect(totalXp([])).toBe(0);
    expect(
      totalXp([
        { xpReward: 50, completedAt: 1 },
        { xpReward: 200, completedAt: null },
        { xpReward: 25, completedAt: 2 },
      ]),
    ).toBe(75);
  });
});
