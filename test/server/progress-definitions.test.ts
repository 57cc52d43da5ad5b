import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as progressRoute } from '@/app/api/progress/route';
import { completeBook, createBook, logReadingSession } from '@/lib/server/domains/books/service';
import { startFocus, stopFocus } from '@/lib/server/domains/focus/service';
import { createHabit, logHabit } from '@/lib/server/domains/habits/service';
import { habitAsks, habitRate } from '@/lib/server/domains/progress/service';
import { completeQuest, createQuest, deleteQuest } from '@/lib/server/domains/quests/service';
import { addDays } from '@/lib/shared/days';
import { PROGRESS_DEFINITIONS, type ProgressSummary } from '@/lib/shared/schemas/progress';
import { xpProgress } from '@/lib/shared/xp';
import { call, createTestUser, type TestUser } from './helpers';

// The Progress definitions (PROGRESS_DEFINITIONS), held against one seeded account: every figure
// is what its card's explanation says, and the figures shown side by side agree with each other.

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
// 10:00 UTC on 19 March 2026 is 11:00 that day in Berlin.
const T = Date.UTC(2026, 2, 19, 10);
const TODAY = '2026-03-19';

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the server clock only; timers and I/O keep running for real. */
function setServerTime(at: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
}

const ctxOf = (user: TestUser) => ({ userId: user.id });

async function progressOf(user: TestUser): Promise<ProgressSummary> {
  setServerTime(T);
  const res = await call(progressRoute, '/api/progress', { cookie: user.cookie });
  expect(res.status).toBe(200);
  return res.json();
}

async function focusSession(user: TestUser, startedAt: number, ms: number, completed: boolean) {
  setServerTime(startedAt);
  await startFocus(ctxOf(user), { mode: 'focus', plannedMinutes: 60 });
  setServerTime(startedAt + ms);
  await stopFocus(ctxOf(user), { completed });
}

/**
 * One account with everything the page counts: completed, abandoned and running focus sessions; a
 * daily habit logged on each of its 12 days and a weekly one made today (nothing asked yet); quests
 * completed, open and deleted; reading inside and outside the window.
 */
async function seededAccount(): Promise<TestUser> {
  const user = await createTestUser({ timezone: 'Europe/Berlin' });
  await focusSession(user, T - 26 * HOUR, 25 * MIN, true); // yesterday, Berlin
  await focusSession(user, T - 3 * HOUR, 20 * MIN, true);
  await focusSession(user, T - 2 * HOUR, 15 * MIN, false);
  await focusSession(user, T - 40 * 24 * HOUR, 60 * MIN, true); // before the window
  setServerTime(T - HOUR);
  await startFocus(ctxOf(user), { mode: 'focus', plannedMinutes: 60 }); // still running

  setServerTime(T);
  const daily = await createHabit(ctxOf(user), { name: 'Stretch', cadence: 'daily' });
  for (let i = 11; i >= 0; i--) await logHabit(ctxOf(user), daily.id, { day: addDays(TODAY, -i) });
  const weekly = await createHabit(ctxOf(user), { name: 'Call home', cadence: 'weekly', timesPerWeek: 1 });
  await logHabit(ctxOf(user), weekly.id, {}); // beyond what it asked so far

  const quests = [];
  for (const xpReward of [150, 200, 70, 500]) quests.push(await createQuest(ctxOf(user), { title: `Quest ${xpReward}`, target: 1, xpReward }));
  await completeQuest(ctxOf(user), quests[0].id);
  await completeQuest(ctxOf(user), quests[1].id);
  await completeQuest(ctxOf(user), quests[3].id);
  await deleteQuest(ctxOf(user), quests[3].id);

  const novel = await createBook(ctxOf(user), { title: 'Novel', totalPages: 300 });
  const essay = await createBook(ctxOf(user), { title: 'Essay', totalPages: 20 });
  await logReadingSession(ctxOf(user), novel.id, { pages: 30, minutes: 45 });
  await logReadingSession(ctxOf(user), novel.id, { pages: 10, minutes: 15, day: addDays(TODAY, -29) });
  await logReadingSession(ctxOf(user), novel.id, { pages: 50, minutes: 90, day: addDays(TODAY, -30) });
  await logReadingSession(ctxOf(user), essay.id, { pages: 20, minutes: 20 });
  await completeBook(ctxOf(user), essay.id);
  return user;
}

describe('the Progress definitions on a seeded account', () => {
  it('counts completed sessions only as focus time and as sessions: abandoned, running and older ones count nowhere', async () => {
    const { focus } = await progressOf(await seededAccount());
    expect(focus).toMatchObject({ totalMinutes: 45, sessions: 2 });
    expect(focus.days.slice(-2)).toEqual([
      { day: addDays(TODAY, -1), minutes: 25 },
      { day: TODAY, minutes: 20 },
    ]);
  });

  it('rates habits exactly as logged of asked: 12 logged of 12 asked is 100%, a log beyond the ask counting nothing', async () => {
    const { habits } = await progressOf(await seededAccount());
    expect(habits).toEqual({ logged: 12, expected: 12, rate: 1, percent: 100 });
  });

  it('counts completed and open quests without the deleted one, XP from the completed ones, and reading of the window', async () => {
    const progress = await progressOf(await seededAccount());
    expect(progress.quests).toEqual({ completed: 2, open: 1 });
    expect(progress.xp).toEqual(xpProgress(350));
    expect(progress.xp.level).toBe(3);
    expect(progress.books).toEqual({ finished: 1, readingMinutes: 80 });
  });

  it('makes the focus total the sum of the days it shows, however each day rounds', async () => {
    const user = await createTestUser({ timezone: 'Europe/Berlin' });
    // 40 s on each of two days: each day shows 1 minute, so the total says 2, not 1.
    await focusSession(user, T - 26 * HOUR, 40 * SEC, true);
    await focusSession(user, T - 2 * HOUR, 40 * SEC, true);
    const { focus } = await progressOf(user);
    expect(focus.days.slice(-2).map((d) => d.minutes)).toEqual([1, 1]);
    expect(focus.totalMinutes).toBe(focus.days.reduce((sum, d) => sum + d.minutes, 0));
    expect(focus).toMatchObject({ totalMinutes: 2, sessions: 2 });
  });
});

describe('the habit figures', () => {
  it.each([
    ['daily, 12 days', 'daily', 7, 12, 12],
    ['weekly 1, its first day', 'weekly', 1, 1, 0],
    ['weekly 3, two weeks', 'weekly', 3, 14, 6],
    ['weekly 3, ten days (4.29)', 'weekly', 3, 10, 4],
    ['weekly 3, thirty days (12.86)', 'weekly', 3, 30, 13],
  ] as const)('a %s habit asks for a whole number of logs', (_name, cadence, timesPerWeek, days, asked) => {
    expect(habitAsks(cadence, timesPerWeek, days)).toBe(asked);
  });

  it.each([
    [12, 12, 1, 100],
    [199, 200, 0.995, 99],
    [2, 3, 2 / 3, 66],
    [0, 5, 0, 0],
  ])('%i logged of %i asked is a rate of exactly %d, shown as %i%%', (logged, expected, rate, percent) => {
    expect(habitRate(logged, expected)).toEqual({ rate, percent });
  });

  it('has no rate when nothing was asked', () => {
    expect(habitRate(0, 0)).toEqual({ rate: null, percent: null });
  });
});

describe('the cards’ explanations', () => {
  it('say what the server counts', () => {
    expect(PROGRESS_DEFINITIONS.focus).toMatch(/completed/);
    expect(PROGRESS_DEFINITIONS.focus).toMatch(/Abandoned and running sessions are neither focus time nor sessions/);
    expect(PROGRESS_DEFINITIONS.habits).toMatch(/Logs beyond what a habit asked do not count/);
    expect(PROGRESS_DEFINITIONS.habits).toMatch(/rounded down/);
    expect(PROGRESS_DEFINITIONS.mood).toMatch(/average of the mood scores/);
    expect(Object.keys(PROGRESS_DEFINITIONS).sort()).toEqual(['books', 'focus', 'habits', 'level', 'mood', 'quests', 'reading']);
  });
});
