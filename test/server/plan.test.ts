import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as completeRoute } from '@/app/api/plan/items/[id]/complete/route';
import { POST as generateRoute } from '@/app/api/plan/today/generate/route';
import { GET as todayRoute } from '@/app/api/plan/today/route';
import { getBus } from '@/lib/server/platform/changes/bus';
import { createHabit, listHabits, logHabit, updateHabit } from '@/lib/server/domains/habits/service';
import { createSchedule } from '@/lib/server/domains/mood';
import { createEvent, deleteEvent } from '@/lib/server/domains/planner/service';
import { addDays, localDay } from '@/lib/shared/days';
import type { ChangeEvent } from '@/lib/shared/events';
import type { PlanItem } from '@/lib/shared/schemas/plan';
import { call, createTestUser, snapshotDb, type CallOptions, type TestUser } from './helpers';
import { addTasks, complete, ctxOf, expectError, generate, generated, HOUR, laterEvent, MIN, setServerTime, setTaskCompleted, today } from './plan-fixtures';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

afterEach(() => {
  vi.useRealTimers();
});

const summary = (items: PlanItem[]) => items.map((i) => [i.kind, i.title, i.done]);

describe('GET /api/plan/today', () => {
  it("answers a null plan for the user's own local day until one is generated", async () => {
    const user = await createTestUser({ timezone: 'Pacific/Auckland' });
    // 20:00 UTC on 18 March is 09:00 on 19 March in Auckland (NZDT, UTC+13).
    setServerTime(Date.UTC(2026, 2, 18, 20));
    expect(await today(user)).toEqual({ day: '2026-03-19', plan: null, dueCheckins: [] });
  });
});

describe('POST /api/plan/today/generate', () => {
  it("builds the plan from due check-ins, today's events, due and overdue tasks, habits to log and the focus goal", async () => {
    const user = await createTestUser({ timezone: 'Europe/Berlin' });
    const now = Date.now();
    const day = localDay(now, 'Europe/Berlin');
    await addTasks(user, [
      { title: 'Due tomorrow', dueDay: addDays(day, 1) },
      { title: 'Due today', dueDay: day },
      { title: 'Overdue', dueDay: addDays(day, -2) },
      { title: 'Done already', dueDay: day, completed: true },
      { title: 'No due day' },
    ]);
    await createHabit(ctxOf(user), { name: 'Stretch', cadence: 'daily' });
    const logged = await createHabit(ctxOf(user), { name: 'Read', cadence: 'daily' });
    await logHabit(ctxOf(user), logged.id, {});
    const archived = await createHabit(ctxOf(user), { name: 'Old habit', cadence: 'daily' });
    await updateHabit(ctxOf(user), archived.id, { archived: true });
    await createEvent(ctxOf(user), { title: 'Standup', startsAt: now, endsAt: now + 15 * MIN, allDay: false, notes: null, color: null });
    await createEvent(ctxOf(user), {
      title: 'Next week',
      startsAt: now + 7 * 24 * HOUR,
      endsAt: now + 7 * 24 * HOUR + HOUR,
      allDay: false,
      notes: null,
      color: null,
    });
    const due = await createSchedule(ctxOf(user), { kind: 'mood-check', cadence: 'daily', nextDueAt: now - HOUR, enabled: true });
    await createSchedule(ctxOf(user), { kind: 'wellbeing-check', cadence: 'weekly', nextDueAt: now + 24 * HOUR, enabled: true });

    const result = await generated(user, { focusGoalMinutes: 90 });
    expect(result.day).toBe(day);
    expect(result.dueCheckins.map((c) => c.scheduleId)).toEqual([due.id]);
    expect(result.plan).toMatchObject({ day, focusGoalMinutes: 90 });
    expect(summary(result.plan!.items)).toEqual([
      ['checkin', 'Mood check', false],
      ['event', 'Standup', false],
      ['task', 'Overdue', false],
      ['task', 'Due today', false],
      ['habit', 'Stretch', false],
      ['focus', 'Focus for 90 minutes', false],
    ]);
    expect(result.plan!.items.map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.plan!.items[0].refId).toBe(due.id);
    expect(await today(user)).toEqual(result);
  });

  it('keeps done items and their order on regenerating, follows open items to their source and adds new sources once', async () => {
    const user = await createTestUser();
    const day = localDay(Date.now(), 'UTC');
    const { 'Write report': reportTask } = await addTasks(user, [{ title: 'Write report', dueDay: day }]);
    const stretch = await createHabit(ctxOf(user), { name: 'Stretch', cadence: 'daily' });
    const event = await createEvent(ctxOf(user), { title: 'Lunch', startsAt: Date.now(), endsAt: Date.now() + HOUR, allDay: false, notes: null, color: null });

    const first = (await generated(user, { focusGoalMinutes: 30 })).plan!;
    expect(summary(first.items)).toEqual([
      ['event', 'Lunch', false],
      ['task', 'Write report', false],
      ['habit', 'Stretch', false],
      ['focus', 'Focus for 30 minutes', false],
    ]);
    const report = first.items.find((i) => i.kind === 'task')!;
    // Done in Tasks: the task no longer asks for today, and its done item stays.
    await setTaskCompleted(user, reportTask);

    await deleteEvent(ctxOf(user), event.id);
    await updateHabit(ctxOf(user), stretch.id, { name: 'Stretch well' });
    await addTasks(user, [{ title: 'Call the bank', dueDay: day }]);
    await createHabit(ctxOf(user), { name: 'Walk', cadence: 'daily' });

    const again = (await generated(user)).plan!;
    expect(again.id).toBe(first.id);
    expect(again.focusGoalMinutes).toBe(30);
    expect(summary(again.items)).toEqual([
      ['task', 'Write report', true],
      ['habit', 'Stretch well', false],
      ['focus', 'Focus for 30 minutes', false],
      ['task', 'Call the bank', false],
      ['habit', 'Walk', false],
    ]);
    expect(again.items.find((i) => i.id === report.id)).toMatchObject({ position: report.position, done: true, completedAt: null });
    expect(new Set(again.items.map((i) => `${i.kind}:${i.refId}`)).size).toBe(again.items.length);

    const third = (await generated(user, { focusGoalMinutes: null })).plan!;
    expect(third.focusGoalMinutes).toBeNull();
    expect(summary(third.items).map(([kind]) => kind)).toEqual(['task', 'habit', 'task', 'habit']);
    expect(third.items.map((i) => i.id)).toEqual(again.items.filter((i) => i.kind !== 'focus').map((i) => i.id));
  });

  it('publishes one plan change from the source device for each write', async () => {
    const user = await createTestUser();
    await createHabit(ctxOf(user), { name: 'Stretch', cadence: 'daily' });
    const events: ChangeEvent[] = [];
    const unsubscribe = getBus().subscribe(user.id, (e) => events.push(e));
    try {
      const device = { headers: { 'x-device-id': 'tab-a' } };
      const { plan } = await (await generate(user, {}, device)).json();
      await complete(user, plan.items[0].id, 'POST', device);
      const planEvents = events.filter((e) => e.scope === 'plan');
      expect(planEvents.map((e) => [e.sourceDeviceId, e.hints.changedScopes])).toEqual([
        ['tab-a', ['plan']],
        ['tab-a', ['plan']],
      ]);
    } finally {
      unsubscribe();
    }
  });
});

describe('completing plan items', () => {
  it('checks an event item off by hand and undoes it, with the undo restoring the open state', async () => {
    const user = await createTestUser({ timezone: 'Pacific/Kiritimati' });
    setServerTime(Date.UTC(2026, 5, 1, 12)); // 02:00 on 2 June at UTC+14: the event is today
    await laterEvent(user, 'Dentist');
    const [item] = (await generated(user)).plan!.items;

    const done = await complete(user, item.id);
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ id: item.id, kind: 'event', title: 'Dentist', done: true, completedAt: expect.any(Number) });
    const undone = await complete(user, item.id, 'DELETE');
    expect(undone.status).toBe(200);
    expect(await undone.json()).toMatchObject({ done: false, completedAt: null });
    expect((await today(user)).plan!.items[0]).toMatchObject({ done: false, completedAt: null });
  });

  it('refuses to tick task and check-in items, which follow their sources, changing nothing', async () => {
    const user = await createTestUser();
    await addTasks(user, [{ title: 'Pay rent', dueDay: localDay(Date.now(), 'UTC') }]);
    await createSchedule(ctxOf(user), { kind: 'mood-check', cadence: 'daily', nextDueAt: Date.now() - MIN, enabled: true });
    const items = (await generated(user)).plan!.items;
    expect(items.map((i) => i.kind)).toEqual(['checkin', 'task']);
    const before = await snapshotDb();
    for (const item of items) {
      const res = await complete(user, item.id);
      expect(res.status).toBe(409);
      expect((await res.json()).error.message).toMatch(item.kind === 'task' ? /complete the task itself/ : /take the check-in/);
    }
    expect(await snapshotDb()).toBe(before);
  });

  it("logs a habit item's habit for today when checked and undoes the log when unchecked", async () => {
    const user = await createTestUser();
    const habit = await createHabit(ctxOf(user), { name: 'Meditate', cadence: 'daily' });
    const [item] = (await generated(user)).plan!.items;
    expect(item).toMatchObject({ kind: 'habit', refId: habit.id });

    expect((await complete(user, item.id)).status).toBe(200);
    expect((await listHabits(ctxOf(user))).habits[0].loggedToday).toBe(true);
    expect((await complete(user, item.id, 'DELETE')).status).toBe(200);
    expect((await listHabits(ctxOf(user))).habits[0].loggedToday).toBe(false);
  });

  it('still checks a habit item off when the habit was logged elsewhere meanwhile', async () => {
    const user = await createTestUser();
    const habit = await createHabit(ctxOf(user), { name: 'Floss', cadence: 'daily' });
    const [item] = (await generated(user)).plan!.items;
    await logHabit(ctxOf(user), habit.id, {});
    expect((await complete(user, item.id)).status).toBe(200);
    expect((await listHabits(ctxOf(user))).habits[0].loggedToday).toBe(true);
  });

  it('answers 409 to completing a completed item and to undoing an open one, changing nothing', async () => {
    const user = await createTestUser();
    const [item] = (await generated(user, { focusGoalMinutes: 30 })).plan!.items;
    const open = await snapshotDb();
    await expectError(await complete(user, item.id, 'DELETE'), 409, 'conflict');
    expect(await snapshotDb()).toBe(open);
    await complete(user, item.id);
    const closed = await snapshotDb();
    await expectError(await complete(user, item.id), 409, 'conflict');
    expect(await snapshotDb()).toBe(closed);
  });
});

describe('plan writes reject bad input and change nothing', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await createTestUser();
  });

  const json = { 'content-type': 'application/json' };
  const cases: [label: string, status: number, code: string, options: CallOptions][] = [
    ['wrong content type', 415, 'unsupported_media_type', { raw: '{}', headers: { 'content-type': 'text/plain' } }],
    ['no content type', 415, 'unsupported_media_type', { raw: '{}' }],
    ['malformed JSON', 400, 'invalid_json', { raw: '{"focusGoalMinutes": ', headers: json }],
    ['a body over 1 MiB', 413, 'payload_too_large', { raw: JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) }), headers: json }],
    ['a focus goal of 0 minutes', 400, 'validation_failed', { body: { focusGoalMinutes: 0 } }],
    ['a focus goal over 12 hours', 400, 'validation_failed', { body: { focusGoalMinutes: 721 } }],
    ['a fractional focus goal', 400, 'validation_failed', { body: { focusGoalMinutes: 30.5 } }],
    ['a focus goal as text', 400, 'validation_failed', { body: { focusGoalMinutes: '30' } }],
    ['an unknown field', 400, 'validation_failed', { body: { day: '2026-01-01' } }],
    ['a JSON array', 400, 'validation_failed', { body: [] }],
  ];

  it.each(cases)('generate with %s → %i %s', async (_label, status, code, options) => {
    const before = await snapshotDb();
    await expectError(await call(generateRoute, '/api/plan/today/generate', { method: 'POST', cookie: user.cookie, ...options }), status, code);
    expect(await snapshotDb()).toBe(before);
  });

  it.each([
    ['an unknown id', UNKNOWN_ID],
    ['a malformed id', 'not-an-id'],
  ])('answers 404 to completing or undoing %s, changing nothing', async (_label, id) => {
    const before = await snapshotDb();
    await expectError(await complete(user, id), 404, 'not_found');
    await expectError(await complete(user, id, 'DELETE'), 404, 'not_found');
    expect(await snapshotDb()).toBe(before);
  });

  it('answers 401 to every plan route without a session, changing nothing', async () => {
    const before = await snapshotDb();
    await expectError(await call(todayRoute, '/api/plan/today'), 401, 'unauthorized');
    await expectError(await call(generateRoute, '/api/plan/today/generate', { method: 'POST', body: {} }), 401, 'unauthorized');
    await expectError(await call(completeRoute, `/api/plan/items/${UNKNOWN_ID}/complete`, { method: 'POST', params: { id: UNKNOWN_ID } }), 401, 'unauthorized');
    expect(await snapshotDb()).toBe(before);
  });
});

describe('plans are private to their owner', () => {
  it("never shows B A's plan, never builds B's plan from A's sources, and answers B 404 for A's items", async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    await addTasks(a, [{ title: "A's task", dueDay: localDay(Date.now(), 'UTC') }]);
    await createHabit(ctxOf(a), { name: "A's habit", cadence: 'daily' });
    const planA = (await generated(a)).plan!;
    expect(planA.items).toHaveLength(2);

    expect((await today(b)).plan).toBeNull();
    const before = await snapshotDb();
    for (const item of planA.items) {
      await expectError(await complete(b, item.id), 404, 'not_found');
      await expectError(await complete(b, item.id, 'DELETE'), 404, 'not_found');
    }
    expect(await snapshotDb()).toBe(before);

    const planB = (await generated(b, { focusGoalMinutes: 25 })).plan!;
    expect(summary(planB.items)).toEqual([['focus', 'Focus for 25 minutes', false]]);
    expect((await today(a)).plan!.items.every((i) => i.completedAt === null)).toBe(true);
  });
});

describe('GET /api/plan/today is a conditional GET', () => {
  it('answers 200, then 304 for the same ETag, then 200 after a plan write', async () => {
    const user = await createTestUser();
    setServerTime(Date.now());
    const first = await call(todayRoute, '/api/plan/today', { cookie: user.cookie });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.headers.get('etag')!;
    const again = await call(todayRoute, '/api/plan/today', { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    await generated(user, { focusGoalMinutes: 45 });
    const after = await call(todayRoute, '/api/plan/today', { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await after.json()).plan.focusGoalMinutes).toBe(45);
  });

  it('answers 200 again once the minute has passed, since time alone makes check-ins due', async () => {
    const user = await createTestUser();
    const t0 = Math.floor(Date.now() / MIN) * MIN;
    setServerTime(t0);
    const etag = (await call(todayRoute, '/api/plan/today', { cookie: user.cookie })).headers.get('etag')!;
    setServerTime(t0 + MIN);
    expect((await call(todayRoute, '/api/plan/today', { cookie: user.cookie, headers: { 'if-none-match': etag } })).status).toBe(200);
  });

  it('answers 401 without a session even with a matching If-None-Match', async () => {
    const user = await createTestUser();
    setServerTime(Date.now());
    const etag = (await call(todayRoute, '/api/plan/today', { cookie: user.cookie })).headers.get('etag')!;
    await expectError(await call(todayRoute, '/api/plan/today', { headers: { 'if-none-match': etag } }), 401, 'unauthorized');
  });
});
