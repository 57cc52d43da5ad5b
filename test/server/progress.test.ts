import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as progressRoute } from '@/app/api/progress/route';
import { completeBook, createBook, deleteBook, logReadingSession } from '@/lib/server/domains/books/service';
import { startFocus, stopFocus } from '@/lib/server/domains/focus/service';
import { createHabit, deleteHabit, logHabit, updateHabit } from '@/lib/server/domains/habits/service';
import { createEntry } from '@/lib/server/domains/mood/entries';
import { completeQuest, createQuest } from '@/lib/server/domains/quests/service';
import { addDays } from '@/lib/shared/days';
import type { ProgressSummary } from '@/lib/shared/schemas/progress';
import { xpProgress } from '@/lib/shared/xp';
import { call, createTestUser, type TestUser } from './helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// 20:00 UTC on 18 March 2026 is 09:00 on 19 March in Auckland (NZDT, UTC+13).
const T = Date.UTC(2026, 2, 18, 20);
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
  const res = await call(progressRoute, '/api/progress', { cookie: user.cookie });
  expect(res.status).toBe(200);
  return res.json();
}

async function focusSession(user: TestUser, startedAt: number, minutes: number, completed = true) {
  setServerTime(startedAt);
  await startFocus(ctxOf(user), { mode: 'focus', plannedMinutes: 60 });
  setServerTime(startedAt + minutes * MIN);
  await stopFocus(ctxOf(user), { completed });
}

/** A habit created at `createdAt` and logged on the given days. */
async function habitWithLogs(user: TestUser, createdAt: number, input: Parameters<typeof createHabit>[1], days: string[]) {
  setServerTime(createdAt);
  const habit = await createHabit(ctxOf(user), input);
  setServerTime(T);
  for (const day of days) await logHabit(ctxOf(user), habit.id, { day });
  return habit;
}

const dayBefore = (n: number) => addDays(TODAY, -n);

describe('GET /api/progress', () => {
  it('sums focus minutes per local day over the last 30 days, counting completed sessions only and leaving older ones out', async () => {
    const user = await createTestUser({ timezone: 'Pacific/Auckland' });
    await focusSession(user, T - 40 * DAY, 60);
    await focusSession(user, T - 10 * HOUR, 20); // 23:00 on 18 March in Auckland
    await focusSession(user, T - 3 * HOUR, 25);
    await focusSession(user, T - HOUR, 5, false);
    setServerTime(T + HOUR);
    await startFocus(ctxOf(user), { mode: 'focus', plannedMinutes: 60 });

    const { today, from, focus } = await progressOf(user);
    expect(today).toBe(TODAY);
    expect(from).toBe('2026-02-18');
    expect(focus.days).toHaveLength(30);
    expect(focus.days[0]).toEqual({ day: '2026-02-18', minutes: 0 });
    expect(focus.days.slice(-2)).toEqual([
      { day: '2026-03-18', minutes: 20 },
      { day: TODAY, minutes: 25 },
    ]);
    expect(focus.days.slice(0, -2).every((d) => d.minutes === 0)).toBe(true);
    expect(focus).toMatchObject({ totalMinutes: 45, sessions: 2 });
  });

  it('rates habits against their goals since they began, weekly goals pro rata and archived habits until archived', async () => {
    const user = await createTestUser({ timezone: 'Pacific/Auckland' });
    // Daily since 10 March (10 days): 5 logs.
    await habitWithLogs(user, T - 9 * DAY, { name: 'Stretch', cadence: 'daily' }, [0, 1, 2, 5, 9].map(dayBefore));
    // 3 a week since 6 March (14 days → 6 asked): 7 logs, counted up to the 6 asked.
    await habitWithLogs(user, T - 13 * DAY, { name: 'Run', cadence: 'weekly', timesPerWeek: 3 }, [0, 1, 2, 3, 4, 5, 6].map(dayBefore));
    // Daily from 15 to 17 March, then archived (3 days): 1 log.
    const archived = await habitWithLogs(user, T - 4 * DAY, { name: 'Journal', cadence: 'daily' }, [dayBefore(3)]);
    setServerTime(T - 2 * DAY);
    await updateHabit(ctxOf(user), archived.id, { archived: true });
    // Deleted habits and their logs do not count.
    const deleted = await habitWithLogs(user, T - 20 * DAY, { name: 'Gone', cadence: 'daily' }, [dayBefore(1)]);
    await deleteHabit(ctxOf(user), deleted.id);
    setServerTime(T);

    const { habits } = await progressOf(user);
    expect(habits).toEqual({ logged: 12, expected: 19, rate: 12 / 19, percent: 63 });
  });

  it('counts a habit logged back before it was created from its first log', async () => {
    const user = await createTestUser({ timezone: 'Pacific/Auckland' });
    await habitWithLogs(user, T, { name: 'Backfilled', cadence: 'daily' }, [dayBefore(3), dayBefore(1)]);
    expect((await progressOf(user)).habits).toEqual({ logged: 2, expected: 4, rate: 0.5, percent: 50 });
  });

  it('counts completed and open quests, XP with its level, finished books and reading minutes of the window', async () => {
    const user = await createTestUser({ timezone: 'Pacific/Auckland' });
    setServerTime(T);
    const quests = [];
    for (const xpReward of [150, 100, 70]) quests.push(await createQuest(ctxOf(user), { title: `Quest ${xpReward}`, target: 1, xpReward }));
    await completeQuest(ctxOf(user), quests[0].id);
    await completeQuest(ctxOf(user), quests[1].id);

    const novel = await createBook(ctxOf(user), { title: 'Novel', totalPages: 300 });
    const manual = await createBook(ctxOf(user), { title: 'Manual', totalPages: 80 });
    const dropped = await createBook(ctxOf(user), { title: 'Dropped', totalPages: 80 });
    await logReadingSession(ctxOf(user), novel.id, { pages: 30, minutes: 45 });
    await logReadingSession(ctxOf(user), novel.id, { pages: 10, minutes: 15, day: dayBefore(29) });
    await logReadingSession(ctxOf(user), novel.id, { pages: 50, minutes: 90, day: dayBefore(30) });
    await logReadingSession(ctxOf(user), manual.id, { pages: 80, minutes: 20 });
    await logReadingSession(ctxOf(user), dropped.id, { pages: 5, minutes: 600 });
    await completeBook(ctxOf(user), manual.id);
    await deleteBook(ctxOf(user), dropped.id);

    const progress = await progressOf(user);
    expect(progress.quests).toEqual({ completed: 2, open: 1 });
    expect(progress.xp).toEqual(xpProgress(250));
    expect(progress.xp.level).toBe(2);
    expect(progress.books).toEqual({ finished: 1, readingMinutes: 80 });
  });

  it('looks back 7, 30 or 90 days as asked, with one value a day for habits, mood and reading', async () => {
    const user = await createTestUser({ timezone: 'Pacific/Auckland' });
    await habitWithLogs(user, T - 80 * DAY, { name: 'Stretch', cadence: 'daily' }, [TODAY, dayBefore(10), dayBefore(60)]);
    setServerTime(T);
    for (const [score, at] of [
      [4, T - HOUR],
      [8, T - 2 * HOUR],
      [10, T - 40 * DAY],
    ] as const)
      await createEntry(ctxOf(user), { score, activityIds: [], notes: null, recordedAt: at });
    const book = await createBook(ctxOf(user), { title: 'Novel', totalPages: 300 });
    await logReadingSession(ctxOf(user), book.id, { pages: 10, minutes: 20 });
    await logReadingSession(ctxOf(user), book.id, { pages: 10, minutes: 30, day: dayBefore(50) });

    const of = async (days: string) => {
      const res = await call(progressRoute, `/api/progress?days=${days}`, { cookie: user.cookie });
      expect(res.status).toBe(200);
      return (await res.json()) as ProgressSummary;
    };
    const week = await of('7');
    expect(week).toMatchObject({ days: 7, from: dayBefore(6), mood: { average: 6, entries: 2 }, books: { readingMinutes: 20 } });
    expect(week.focus.days).toHaveLength(7);
    expect(week.series.habits.map((d) => d.value)).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(week.series.mood.at(-1)).toEqual({ day: TODAY, value: 6 });
    expect(week.series.mood.slice(0, 6).every((d) => d.value === null)).toBe(true);
    expect(week.series.reading.at(-1)).toEqual({ day: TODAY, value: 20 });

    const quarter = await of('90');
    expect(quarter).toMatchObject({ days: 90, from: dayBefore(89), mood: { average: 22 / 3, entries: 3 }, books: { readingMinutes: 50 } });
    expect(quarter.series.habits.filter((d) => d.value === 1).map((d) => d.day)).toEqual([dayBefore(60), dayBefore(10), TODAY]);
    expect(quarter.series.reading.find((d) => d.day === dayBefore(50))?.value).toBe(30);
    // Left out, it is 30 days; anything but 7, 30 or 90 is refused.
    expect((await progressOf(user)).days).toBe(30);
    expect((await call(progressRoute, '/api/progress?days=14', { cookie: user.cookie })).status).toBe(400);
  });

  it('moves its ETag when a mood entry changes', async () => {
    const user = await createTestUser();
    const first = await call(progressRoute, '/api/progress', { cookie: user.cookie });
    await createEntry(ctxOf(user), { score: 7, activityIds: [], notes: null });
    const second = await call(progressRoute, '/api/progress', { cookie: user.cookie, headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(second.status).toBe(200);
    expect((await second.json()).mood).toEqual({ average: 7, entries: 1 });
  });

  it('answers a new user with zeros and no habit rate', async () => {
    const user = await createTestUser();
    const progress = await progressOf(user);
    expect(progress.focus.days.every((d) => d.minutes === 0)).toBe(true);
    expect(progress).toMatchObject({
      focus: { totalMinutes: 0, sessions: 0 },
      habits: { logged: 0, expected: 0, rate: null },
      quests: { completed: 0, open: 0 },
      xp: xpProgress(0),
      books: { finished: 0, readingMinutes: 0 },
    });
  });

  it('answers 401 without a session', async () => {
    const res = await call(progressRoute, '/api/progress');
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
  });
});

describe('progress figures are per user', () => {
  it("never counts A's focus, habits, quests or books in B's figures", async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    const now = Date.now();
    await focusSession(a, now - HOUR, 30);
    setServerTime(now);
    const habit = await createHabit(ctxOf(a), { name: 'A habit', cadence: 'daily' });
    await logHabit(ctxOf(a), habit.id, {});
    const quest = await createQuest(ctxOf(a), { title: 'A quest', target: 1, xpReward: 500 });
    await completeQuest(ctxOf(a), quest.id);
    const book = await createBook(ctxOf(a), { title: 'A book', totalPages: 10 });
    await logReadingSession(ctxOf(a), book.id, { pages: 10, minutes: 25 });
    await completeBook(ctxOf(a), book.id);

    const ofA = await progressOf(a);
    expect(ofA).toMatchObject({
      focus: { totalMinutes: 30, sessions: 1 },
      habits: { logged: 1, rate: 1 },
      quests: { completed: 1 },
      books: { finished: 1, readingMinutes: 25 },
    });
    expect(ofA.xp.total).toBe(500);

    const ofB = await progressOf(b);
    expect(ofB).toMatchObject({
      focus: { totalMinutes: 0, sessions: 0 },
      habits: { logged: 0, expected: 0, rate: null },
      quests: { completed: 0, open: 0 },
      books: { finished: 0, readingMinutes: 0 },
    });
    expect(ofB.xp.total).toBe(0);
  });
});

describe('GET /api/progress is a conditional GET', () => {
  it('answers 200, then 304 for the same ETag, then 200 after a write to each scope it reads', async () => {
    const user = await createTestUser();
    setServerTime(Date.now());
    const first = await call(progressRoute, '/api/progress', { cookie: user.cookie });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    let etag = first.headers.get('etag')!;
    const again = await call(progressRoute, '/api/progress', { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const writes: [scope: string, write: () => Promise<unknown>][] = [
      ['focus', () => startFocus(ctxOf(user), { mode: 'focus', plannedMinutes: 25 })],
      ['progress', () => stopFocus(ctxOf(user), { completed: true })],
      ['habits', () => createHabit(ctxOf(user), { name: 'Walk', cadence: 'daily' })],
      ['quests', () => createQuest(ctxOf(user), { title: 'Q', target: 1, xpReward: 10 })],
      ['books', () => createBook(ctxOf(user), { title: 'B', totalPages: 10 })],
    ];
    for (const [scope, write] of writes) {
      await write();
      const after = await call(progressRoute, '/api/progress', { cookie: user.cookie, headers: { 'if-none-match': etag } });
      expect(after.status, `after a ${scope} write`).toBe(200);
      etag = after.headers.get('etag')!;
      expect((await call(progressRoute, '/api/progress', { cookie: user.cookie, headers: { 'if-none-match': etag } })).status).toBe(304);
    }
  });

  it('answers 401 without a session even with a matching If-None-Match', async () => {
    const user = await createTestUser();
    setServerTime(Date.now());
    const etag = (await call(progressRoute, '/api/progress', { cookie: user.cookie })).headers.get('etag')!;
    expect((await call(progressRoute, '/api/progress', { headers: { 'if-none-match': etag } })).status).toBe(401);
  });
});
