import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DELETE as undoLog, POST as log } from '@/app/api/habits/[id]/log/route';
import { DELETE as remove, PATCH as patch } from '@/app/api/habits/[id]/route';
import { GET as list, POST as create } from '@/app/api/habits/route';
import { PATCH as patchMe } from '@/app/api/me/route';
import { getBus } from '@/lib/server/platform/changes/bus';
import { getClient } from '@/lib/server/platform/db/client';
import { addDays } from '@/lib/shared/days';
import type { ChangeEvent } from '@/lib/shared/events';
import type { Habit, HabitList } from '@/lib/shared/schemas/habits';
import { call, createTestUser, snapshotDb, type CallOptions, type TestUser, expectError } from './helpers';

type Handler = Parameters<typeof call>[0];
type Case = [label: string, status: number, code: string, options: CallOptions];

// Wednesday 18 March 2026, 20:00 UTC: still the 18th in UTC and Honolulu, already the 19th on Kiritimati (UTC+14).
const NOW = Date.UTC(2026, 2, 18, 20);
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const json = { 'content-type': 'application/json' };

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the server clock only; timers and I/O keep running for real. */
function setServerTime(at: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
}

const send = (handler: Handler, method: string, path: string, user: TestUser, options: CallOptions = {}) =>
  call(handler, path, { method, cookie: user.cookie, ...options });

const atHabit = (handler: Handler, method: string, id: string, action: string, user: TestUser, options: CallOptions = {}) =>
  send(handler, method, `/api/habits/${id}${action}`, user, { params: { id }, ...options });

async function createHabit(user: TestUser, body: Record<string, unknown> = {}): Promise<Habit> {
  const res = await send(create, 'POST', '/api/habits', user, { body: { name: 'Meditate', cadence: 'daily', ...body } });
  expect(res.status).toBe(201);
  return res.json();
}

async function habitsOf(user: TestUser): Promise<HabitList> {
  const res = await call(list, '/api/habits', { cookie: user.cookie });
  expect(res.status).toBe(200);
  return res.json();
}

async function logDay(user: TestUser, id: string, day?: string): Promise<Habit> {
  const res = await atHabit(log, 'POST', id, '/log', user, { body: day ? { day } : {} });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

async function undoDay(user: TestUser, id: string, day?: string): Promise<Habit> {
  const res = await send(undoLog, 'DELETE', `/api/habits/${id}/log${day ? `?day=${day}` : ''}`, user, { params: { id } });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

async function logRows(habitId: string) {
  const { rows } = await getClient().execute({ sql: 'SELECT * FROM habit_logs WHERE habit_id = ? ORDER BY day', args: [habitId] });
  return rows;
}

const bodyClasses = (valid: Record<string, unknown>): Case[] => [
  ['wrong content type', 415, 'unsupported_media_type', { raw: JSON.stringify(valid), headers: { 'content-type': 'text/plain' } }],
  ['no content type', 415, 'unsupported_media_type', { raw: JSON.stringify(valid) }],
  ['malformed JSON', 400, 'invalid_json', { raw: '{"name": ', headers: json }],
  ['a body over 1 MiB', 413, 'payload_too_large', { raw: JSON.stringify({ ...valid, name: 'x'.repeat(1024 * 1024 + 10) }), headers: json }],
  ['a JSON array', 400, 'validation_failed', { body: [valid] }],
  ['null', 400, 'validation_failed', { body: null }],
];

describe('a daily habit from creation to deletion', () => {
  it('creates, logs today and earlier days, undoes, revives, edits, archives and deletes a habit', async () => {
    setServerTime(NOW);
    const user = await createTestUser();
    const habit = await createHabit(user, { name: '  Meditate  ', color: '#e04a12' });
    expect(habit).toMatchObject({
      name: 'Meditate',
      cadence: 'daily',
      timesPerWeek: 7,
      color: '#e04a12',
      archivedAt: null,
      loggedToday: false,
      streak: 0,
      thisWeekCount: 0,
      history: [],
    });
    expect(await habitsOf(user)).toEqual({ today: '2026-03-18', historyFrom: '2025-12-29', habits: [habit] });

    expect(await logDay(user, habit.id)).toMatchObject({ loggedToday: true, streak: 1, thisWeekCount: 1, history: ['2026-03-18'] });
    await logDay(user, habit.id, '2026-03-17');
    expect(await logDay(user, habit.id, '2026-03-15')).toMatchObject({ streak: 2, thisWeekCount: 2, history: ['2026-03-15', '2026-03-17', '2026-03-18'] });
    expect(await logDay(user, habit.id, '2026-03-16')).toMatchObject({ streak: 4, thisWeekCount: 3 });

    const undone = await undoDay(user, habit.id);
    expect(undone).toMatchObject({ loggedToday: false, streak: 3, history: ['2026-03-15', '2026-03-16', '2026-03-17'] });
    const todayRow = (await logRows(habit.id)).find((r) => r.day === '2026-03-18')!;
    expect(todayRow.deleted_at).toBe(NOW);

    expect(await logDay(user, habit.id)).toMatchObject({ loggedToday: true, streak: 4 });
    const revived = (await logRows(habit.id)).filter((r) => r.day === '2026-03-18');
    expect(revived).toHaveLength(1);
    expect(revived[0]).toMatchObject({ id: todayRow.id, deleted_at: null });
    expect(Number(revived[0].server_version)).toBeGreaterThan(Number(todayRow.server_version));

    expect(await undoDay(user, habit.id, '2026-03-17')).toMatchObject({ streak: 1, loggedToday: true });

    const renamed = await atHabit(patch, 'PATCH', habit.id, '', user, { body: { name: 'Sit still', color: null } });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ name: 'Sit still', color: null, loggedToday: true });

    const archived: Habit = await (await atHabit(patch, 'PATCH', habit.id, '', user, { body: { archived: true } })).json();
    expect(archived.archivedAt).toBe(NOW);
    expect((await habitsOf(user)).habits[0].archivedAt).toBe(NOW);
    expect((await (await atHabit(patch, 'PATCH', habit.id, '', user, { body: { archived: false } })).json()).archivedAt).toBeNull();

    const deleted = await atHabit(remove, 'DELETE', habit.id, '', user);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ id: habit.id, deletedAt: NOW });
    expect((await habitsOf(user)).habits).toEqual([]);
    expect((await logRows(habit.id)).every((r) => r.deleted_at === NOW)).toBe(true);
  });

  it('takes "today" from the user\'s own time zone', async () => {
    setServerTime(NOW);
    const east = await createTestUser({ timezone: 'Pacific/Kiritimati' });
    const west = await createTestUser({ timezone: 'Pacific/Honolulu' });
    const eastHabit = await createHabit(east);
    const westHabit = await createHabit(west);
    expect((await habitsOf(east)).today).toBe('2026-03-19');
    expect((await habitsOf(west)).today).toBe('2026-03-18');
    expect((await logDay(east, eastHabit.id)).history).toEqual(['2026-03-19']);
    expect((await logDay(west, westHabit.id)).history).toEqual(['2026-03-18']);

    // Half an hour before midnight in Honolulu, then just after it.
    setServerTime(Date.UTC(2026, 2, 19, 9, 30));
    expect((await habitsOf(west)).habits[0].loggedToday).toBe(true);
    setServerTime(Date.UTC(2026, 2, 19, 10, 1));
    expect((await habitsOf(west)).habits[0]).toMatchObject({ loggedToday: false, streak: 1 });
  });

  it('keeps a daily streak through today until the day is over, then drops it', async () => {
    setServerTime(NOW);
    const user = await createTestUser();
    const habit = await createHabit(user);
    for (const day of ['2026-03-15', '2026-03-16', '2026-03-17']) await logDay(user, habit.id, day);
    expect((await habitsOf(user)).habits[0]).toMatchObject({ loggedToday: false, streak: 3 });
    setServerTime(NOW + 24 * 3600_000);
    expect((await habitsOf(user)).habits[0]).toMatchObject({ loggedToday: false, streak: 0 });
  });
});

describe('a weekly habit', () => {
  it('counts the weeks that met N logs, the current one once it is met', async () => {
    setServerTime(NOW);
    const user = await createTestUser();
    const habit = await createHabit(user, { name: 'Run', cadence: 'weekly', timesPerWeek: 3 });
    expect(habit).toMatchObject({ cadence: 'weekly', timesPerWeek: 3, streak: 0 });
    for (const day of ['2026-03-02', '2026-03-04', '2026-03-06', '2026-03-09', '2026-03-11', '2026-03-13', '2026-03-16']) await logDay(user, habit.id, day);
    expect((await habitsOf(user)).habits[0]).toMatchObject({ streak: 2, thisWeekCount: 1, loggedToday: false });
    await logDay(user, habit.id, '2026-03-17');
    expect(await logDay(user, habit.id)).toMatchObject({ streak: 3, thisWeekCount: 3, loggedToday: true });
    expect(await undoDay(user, habit.id, '2026-03-04')).toMatchObject({ streak: 2 });
  });

  it('switches cadence: daily counts every day, weekly needs a number of days', async () => {
    const user = await createTestUser();
    const habit = await createHabit(user, { cadence: 'weekly', timesPerWeek: 4 });
    const daily = await atHabit(patch, 'PATCH', habit.id, '', user, { body: { cadence: 'daily' } });
    expect(await daily.json()).toMatchObject({ cadence: 'daily', timesPerWeek: 7 });
    const before = await snapshotDb();
    await expectError(await atHabit(patch, 'PATCH', habit.id, '', user, { body: { cadence: 'weekly' } }), 400, 'validation_failed');
    expect(await snapshotDb()).toBe(before);
    const weekly = await atHabit(patch, 'PATCH', habit.id, '', user, { body: { cadence: 'weekly', timesPerWeek: 2 } });
    expect(await weekly.json()).toMatchObject({ cadence: 'weekly', timesPerWeek: 2 });
    const ignored = await atHabit(patch, 'PATCH', (await createHabit(user)).id, '', user, { body: { timesPerWeek: 3 } });
    expect(await ignored.json()).toMatchObject({ cadence: 'daily', timesPerWeek: 7 });
  });
});

describe('habit writes', () => {
  it('bump habits and progress for logs and undos, habits alone for a new habit', async () => {
    const user = await createTestUser();
    const events: ChangeEvent[] = [];
    const unsubscribe = getBus().subscribe(user.id, (e) => events.push(e));
    try {
      const habit = await createHabit(user);
      await logDay(user, habit.id);
      await undoDay(user, habit.id);
      expect(events.map((e) => e.hints.changedScopes)).toEqual([['habits'], ['habits', 'progress'], ['habits', 'progress']]);
    } finally {
      unsubscribe();
    }
  });

  it('let exactly one of three simultaneous logs of a day win, leaving one row', async () => {
    const user = await createTestUser();
    const habit = await createHabit(user);
    const results = await Promise.all([1, 2, 3].map(() => atHabit(log, 'POST', habit.id, '/log', user, { body: {} })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await logRows(habit.id)).toHaveLength(1);
  });
});

describe('habit writes reject bad input and change nothing', () => {
  let user: TestUser;
  let habit: Habit;
  beforeAll(async () => {
    user = await createTestUser();
    habit = await createHabit(user);
    await logDay(user, habit.id);
  });

  const createCases: Case[] = [
    ...bodyClasses({ name: 'Read', cadence: 'daily' }),
    ['a missing name', 400, 'validation_failed', { body: { cadence: 'daily' } }],
    ['a blank name', 400, 'validation_failed', { body: { name: '  ', cadence: 'daily' } }],
    ['a name over 100 characters', 400, 'validation_failed', { body: { name: 'n'.repeat(101), cadence: 'daily' } }],
    ['an unknown cadence', 400, 'validation_failed', { body: { name: 'Read', cadence: 'monthly' } }],
    ['weekly without times a week', 400, 'validation_failed', { body: { name: 'Read', cadence: 'weekly' } }],
    ['0 times a week', 400, 'validation_failed', { body: { name: 'Read', cadence: 'weekly', timesPerWeek: 0 } }],
    ['8 times a week', 400, 'validation_failed', { body: { name: 'Read', cadence: 'weekly', timesPerWeek: 8 } }],
    ['a colour name', 400, 'validation_failed', { body: { name: 'Read', cadence: 'daily', color: 'red' } }],
    ['an unknown field', 400, 'validation_failed', { body: { name: 'Read', cadence: 'daily', streak: 100 } }],
  ];

  it.each(createCases)('POST /api/habits with %s → %i %s', async (_label, status, code, options) => {
    const before = await snapshotDb();
    await expectError(await send(create, 'POST', '/api/habits', user, options), status, code);
    expect(await snapshotDb()).toBe(before);
  });

  const patchCases: Case[] = [
    ...bodyClasses({ name: 'Renamed' }),
    ['an empty patch', 400, 'validation_failed', { body: {} }],
    ['archived as a string', 400, 'validation_failed', { body: { archived: 'yes' } }],
    ['a blank name', 400, 'validation_failed', { body: { name: '' } }],
    ['an unknown field', 400, 'validation_failed', { body: { deletedAt: 1 } }],
  ];

  it.each(patchCases)('PATCH /api/habits/[id] with %s → %i %s', async (_label, status, code, options) => {
    const before = await snapshotDb();
    await expectError(await atHabit(patch, 'PATCH', habit.id, '', user, options), status, code);
    expect(await snapshotDb()).toBe(before);
  });

  const logCases: Case[] = [
    ...bodyClasses({}),
    ['a day in another format', 400, 'validation_failed', { body: { day: '18/03/2026' } }],
    ['an impossible day', 400, 'validation_failed', { body: { day: '2026-02-30' } }],
    ['a day before 1970', 400, 'validation_failed', { body: { day: '0099-01-01' } }],
    ['a day after today', 400, 'bad_request', { body: { day: '2999-01-01' } }],
    ['a day before the 12-week history', 400, 'bad_request', { body: { day: '2000-01-01' } }],
    ['an unknown field', 400, 'validation_failed', { body: { when: 'today' } }],
  ];

  it.each(logCases)('POST /api/habits/[id]/log with %s → %i %s', async (_label, status, code, options) => {
    const before = await snapshotDb();
    await expectError(await atHabit(log, 'POST', habit.id, '/log', user, options), status, code);
    expect(await snapshotDb()).toBe(before);
  });

  it.each([
    ['a day in another format', '?day=yesterday', 'validation_failed'],
    ['a day after today', '?day=2999-01-01', 'bad_request'],
  ])('DELETE /api/habits/[id]/log with %s → 400', async (_label, query, code) => {
    const before = await snapshotDb();
    await expectError(await send(undoLog, 'DELETE', `/api/habits/${habit.id}/log${query}`, user, { params: { id: habit.id } }), 400, code);
    expect(await snapshotDb()).toBe(before);
  });
});

describe('habit ids and logs that do not exist for the caller', () => {
  const idRoutes: [label: string, handler: Handler, method: string, action: string, body?: unknown][] = [
    ['PATCH', patch, 'PATCH', '', { name: 'x' }],
    ['DELETE', remove, 'DELETE', ''],
    ['log', log, 'POST', '/log', {}],
    ['undo', undoLog, 'DELETE', '/log'],
  ];

  it.each(idRoutes)('answer 404 to %s for an unknown, malformed or deleted id, changing nothing', async (_label, handler, method, action, body) => {
    const user = await createTestUser();
    const gone = await createHabit(user);
    await atHabit(remove, 'DELETE', gone.id, '', user);
    const before = await snapshotDb();
    for (const id of [UNKNOWN_ID, 'not-a-uuid', gone.id]) {
      await expectError(await atHabit(handler, method, id, action, user, { body }), 404, 'not_found');
    }
    expect(await snapshotDb()).toBe(before);
  });

  it('answers 404 to undoing a day that is not logged, or was undone already', async () => {
    const user = await createTestUser();
    const habit = await createHabit(user);
    await logDay(user, habit.id);
    await undoDay(user, habit.id);
    const before = await snapshotDb();
    await expectError(await atHabit(undoLog, 'DELETE', habit.id, '/log', user), 404, 'not_found');
    expect(await snapshotDb()).toBe(before);
  });
});

describe('habit writes that do not fit the habit state', () => {
  it('answers 409 to logging a logged day and to logging or undoing an archived habit, changing nothing', async () => {
    const user = await createTestUser();
    const habit = await createHabit(user);
    await logDay(user, habit.id);
    const logged = await snapshotDb();
    await expectError(await atHabit(log, 'POST', habit.id, '/log', user, { body: {} }), 409, 'conflict');
    expect(await snapshotDb()).toBe(logged);

    await atHabit(patch, 'PATCH', habit.id, '', user, { body: { archived: true } });
    const archived = await snapshotDb();
    await expectError(await atHabit(undoLog, 'DELETE', habit.id, '/log', user), 409, 'conflict');
    const yesterday = addDays((await habitsOf(user)).today, -1);
    await expectError(await atHabit(log, 'POST', habit.id, '/log', user, { body: { day: yesterday } }), 409, 'conflict');
    expect(await snapshotDb()).toBe(archived);
  });
});

describe('habits are private to their owner', () => {
  it("answers 404 to every id route for another user's habit and never lists it", async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    const habit = await createHabit(a);
    await logDay(a, habit.id);

    const before = await snapshotDb();
    await expectError(await atHabit(patch, 'PATCH', habit.id, '', b, { body: { name: 'mine now' } }), 404, 'not_found');
    await expectError(await atHabit(remove, 'DELETE', habit.id, '', b), 404, 'not_found');
    await expectError(await atHabit(log, 'POST', habit.id, '/log', b, { body: {} }), 404, 'not_found');
    await expectError(await atHabit(undoLog, 'DELETE', habit.id, '/log', b), 404, 'not_found');
    expect(await snapshotDb()).toBe(before);

    expect((await habitsOf(b)).habits).toEqual([]);
    const own = await createHabit(b);
    expect((await habitsOf(b)).habits.map((h) => h.id)).toEqual([own.id]);
    expect((await habitsOf(a)).habits).toMatchObject([{ id: habit.id, loggedToday: true }]);
  });
});

describe('GET /api/habits is a conditional GET', () => {
  it('answers 200 with an ETag, 304 for the same ETag, and 200 with a new ETag after a write', async () => {
    const user = await createTestUser();
    const first = await call(list, '/api/habits', { cookie: user.cookie });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.headers.get('etag')!;

    const again = await call(list, '/api/habits', { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const habit = await createHabit(user);
    const after = await call(list, '/api/habits', { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await after.json()).habits.map((h: Habit) => h.id)).toEqual([habit.id]);
  });

  it('answers 200 after a time zone change and in a new quarter hour, when "today" may have moved', async () => {
    setServerTime(NOW);
    const user = await createTestUser();
    const etag = (await call(list, '/api/habits', { cookie: user.cookie })).headers.get('etag')!;
    expect((await call(list, '/api/habits', { cookie: user.cookie, headers: { 'if-none-match': etag } })).status).toBe(304);

    await call(patchMe, '/api/me', { method: 'PATCH', cookie: user.cookie, body: { timezone: 'Pacific/Kiritimati' } });
    const moved = await call(list, '/api/habits', { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(moved.status).toBe(200);
    expect((await moved.json()).today).toBe('2026-03-19');
    const zoneEtag = moved.headers.get('etag')!;

    setServerTime(NOW + 15 * 60_000);
    expect((await call(list, '/api/habits', { cookie: user.cookie, headers: { 'if-none-match': zoneEtag } })).status).toBe(200);
  });

  it('answers 401 without a session even with a matching If-None-Match', async () => {
    const user = await createTestUser();
    const etag = (await call(list, '/api/habits', { cookie: user.cookie })).headers.get('etag')!;
    await expectError(await call(list, '/api/habits', { headers: { 'if-none-match': etag } }), 401, 'unauthorized');
  });
});
