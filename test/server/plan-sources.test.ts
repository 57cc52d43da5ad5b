import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as todayRoute } from '@/app/api/plan/today/route';
import { GET as progressRoute } from '@/app/api/progress/route';
import { startFocus, stopFocus } from '@/lib/server/domains/focus/service';
import { createHabit, logHabit, undoHabitLog } from '@/lib/server/domains/habits/service';
import { createSchedule, takeAssessment } from '@/lib/server/domains/mood';
import { updateEvent } from '@/lib/server/domains/planner/service';
import { addDays, instantAt, localDay } from '@/lib/shared/days';
import type { PlanItem } from '@/lib/shared/schemas/plan';
import type { ProgressSummary } from '@/lib/shared/schemas/progress';
import { call, createTestUser, type TestUser } from './helpers';
import { addTasks, ctxOf, generated, HOUR, laterEvent, MIN, setServerTime, setTaskCompleted, today } from './plan-fixtures';

afterEach(() => {
  vi.useRealTimers();
});

// 10:00 on 2 June in UTC+14 (Kiritimati): the whole test day lies ahead in every case below.
const T = Date.UTC(2026, 5, 1, 20);
const ZONE = 'Pacific/Kiritimati';

async function userAtT(): Promise<TestUser> {
  setServerTime(T);
  return createTestUser({ timezone: ZONE });
}

const itemOf = async (user: TestUser, kind: PlanItem['kind']) => (await today(user)).plan!.items.find((i) => i.kind === kind)!;

async function focusSession(user: TestUser, startedAt: number, minutes: number, completed: boolean) {
  setServerTime(startedAt);
  await startFocus(ctxOf(user), { mode: 'focus', plannedMinutes: minutes });
  setServerTime(startedAt + minutes * MIN);
  await stopFocus(ctxOf(user), { completed });
}

describe("today's plan is a view of its sources", () => {
  it('a task item is done when its task is, whichever device completed it, and open again when reopened', async () => {
    const user = await userAtT();
    const { 'Pay rent': rent } = await addTasks(user, [{ title: 'Pay rent', dueDay: localDay(T, ZONE) }]);
    const [item] = (await generated(user)).plan!.items;
    expect(item).toMatchObject({ kind: 'task', refId: rent, done: false, listId: expect.any(String) });

    const before = await call(todayRoute, '/api/plan/today', { cookie: user.cookie });
    await setTaskCompleted(user, rent);
    // The plan's ETag follows the tasks scope: a conditional GET gets the change, not a 304.
    const after = await call(todayRoute, '/api/plan/today', { cookie: user.cookie, headers: { 'if-none-match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect((await after.json()).plan.items[0]).toMatchObject({ done: true, completedAt: null });

    await setTaskCompleted(user, rent, false);
    expect(await itemOf(user, 'task')).toMatchObject({ done: false });
  });

  it('task items honour priorities and times: overdue first, timed tasks in their slots among events, then p1 to none', async () => {
    const user = await userAtT();
    const day = localDay(T, ZONE);
    await laterEvent(user, 'Standup', 4 * 60);
    await addTasks(user, [
      { title: 'Whenever', dueDay: day },
      { title: 'Soon', dueDay: day, priority: 2 },
      { title: 'Call at 17', dueDay: day, dueTime: '17:00' },
      { title: 'Urgent', dueDay: day, priority: 1 },
      { title: 'Call at 12', dueDay: day, dueTime: '12:00', priority: 3 },
      { title: 'Overdue bill', dueDay: addDays(day, -1), priority: 4, dueTime: '09:00' },
    ]);
    const { items } = (await generated(user)).plan!;
    // 12:00 and 17:00 tasks and the 14:00 event hold the timed slots, in time order.
    expect(items.map((i) => i.title)).toEqual(['Call at 12', 'Overdue bill', 'Standup', 'Call at 17', 'Urgent', 'Soon', 'Whenever']);
    const at = (title: string) => items.find((i) => i.title === title)!;
    expect(at('Urgent')).toMatchObject({ priority: 1, time: null });
    expect(at('Call at 12')).toMatchObject({
      priority: 3,
      time: { startsAt: instantAt(day, '12:00', ZONE), endsAt: instantAt(day, '12:00', ZONE), allDay: false },
    });
    // An overdue task's time was on another day: it keeps its place, with no time today.
    expect(at('Overdue bill')).toMatchObject({ priority: 4, time: null });
    expect(at('Standup').priority).toBeNull();
  });

  it('a habit item is done once the habit is logged today, wherever it was logged', async () => {
    const user = await userAtT();
    const habit = await createHabit(ctxOf(user), { name: 'Stretch', cadence: 'daily' });
    await generated(user);
    await logHabit(ctxOf(user), habit.id, {});
    expect(await itemOf(user, 'habit')).toMatchObject({ refId: habit.id, done: true });
    await undoHabitLog(ctxOf(user), habit.id, {});
    expect(await itemOf(user, 'habit')).toMatchObject({ done: false });
  });

  it('a check-in item is done once a check-in of its kind is taken today, and stays in the plan on regenerating', async () => {
    const user = await userAtT();
    await createSchedule(ctxOf(user), { kind: 'mood-check', cadence: 'daily', nextDueAt: T - HOUR, enabled: true });
    await generated(user);
    expect(await itemOf(user, 'checkin')).toMatchObject({ done: false });
    await takeAssessment(ctxOf(user), { kind: 'mood-check', answers: { interest: 1, down: 0 } });
    expect(await itemOf(user, 'checkin')).toMatchObject({ done: true });
    // No longer due, but done: a rebuild keeps it.
    expect((await generated(user)).plan!.items).toEqual([expect.objectContaining({ kind: 'checkin', done: true })]);
  });

  it('an event item carries its time, is done once the event is over, and timed items keep time order', async () => {
    const user = await userAtT();
    const lunch = await laterEvent(user, 'Lunch', 120, 60);
    await addTasks(user, [{ title: 'Pay rent', dueDay: localDay(T, ZONE) }]);
    await generated(user);
    expect(await itemOf(user, 'event')).toMatchObject({
      done: false,
      time: { startsAt: lunch.startsAt, endsAt: lunch.endsAt, allDay: false },
    });

    // An earlier event added later goes to the end of the plan by position, yet shows first.
    await laterEvent(user, 'Standup', 30, 15);
    const plan = (await generated(user)).plan!;
    expect(plan.items.map((i) => [i.title, i.position])).toEqual([
      ['Standup', 2],
      ['Pay rent', 1],
      ['Lunch', 0],
    ]);
    // Moved earlier still, Lunch takes the first slot.
    await updateEvent(ctxOf(user), lunch.id, { startsAt: T + 10 * MIN, endsAt: T + 20 * MIN });
    expect((await today(user)).plan!.items.map((i) => i.title)).toEqual(['Lunch', 'Pay rent', 'Standup']);

    setServerTime(T + 21 * MIN);
    expect((await today(user)).plan!.items.map((i) => [i.title, i.done])).toEqual([
      ['Lunch', true],
      ['Pay rent', false],
      ['Standup', false],
    ]);
  });

  it('the focus goal shows minutes of completed focus today and ticks itself when they reach it; abandoned time does not count', async () => {
    const user = await userAtT();
    await generated(user, { focusGoalMinutes: 30 });
    expect(await itemOf(user, 'focus')).toMatchObject({ done: false, progress: { minutes: 0, goal: 30 } });

    await focusSession(user, T + MIN, 20, true);
    await focusSession(user, T + HOUR, 25, false);
    expect(await itemOf(user, 'focus')).toMatchObject({ done: false, progress: { minutes: 20, goal: 30 } });

    await focusSession(user, T + 2 * HOUR, 10, true);
    expect(await itemOf(user, 'focus')).toMatchObject({ done: true, completedAt: null, progress: { minutes: 30, goal: 30 } });
  });

  it('the focus goal and Progress count a forgotten session once its grace is over, on their own reads (decision 030)', async () => {
    const user = await userAtT();
    await generated(user, { focusGoalMinutes: 25 });
    await startFocus(ctxOf(user), { mode: 'focus', plannedMinutes: 25, graceMinutes: 15 });
    const focusFigures = async () => ((await (await call(progressRoute, '/api/progress', { cookie: user.cookie })).json()) as ProgressSummary).focus;
    setServerTime(T + 40 * MIN - 1);
    expect(await itemOf(user, 'focus')).toMatchObject({ done: false, progress: { minutes: 0, goal: 25 } });
    expect(await focusFigures()).toMatchObject({ totalMinutes: 0, sessions: 0 });
    setServerTime(T + 40 * MIN);
    expect(await itemOf(user, 'focus')).toMatchObject({ done: true, progress: { minutes: 25, goal: 25 } });
    expect(await focusFigures()).toMatchObject({ totalMinutes: 25, sessions: 1 });
  });

  it("never reads another user's sources", async () => {
    const a = await userAtT();
    const b = await createTestUser({ timezone: ZONE });
    const { 'A task': taskA } = await addTasks(a, [{ title: 'A task', dueDay: localDay(T, ZONE) }]);
    const habitA = await createHabit(ctxOf(a), { name: 'A habit', cadence: 'daily' });
    await generated(a, { focusGoalMinutes: 5 });
    await generated(b, { focusGoalMinutes: 5 });
    // B's own activity never ticks A's items.
    await focusSession(b, T + MIN, 10, true);
    expect((await today(a)).plan!.items.map((i) => [i.kind, i.done])).toEqual([
      ['task', false],
      ['habit', false],
      ['focus', false],
    ]);
    expect((await today(b)).plan!.items.map((i) => [i.kind, i.done])).toEqual([['focus', true]]);
    await setTaskCompleted(a, taskA);
    await logHabit(ctxOf(a), habitA.id, {});
    expect((await today(b)).plan!.items).toHaveLength(1);
  });
});
