import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DELETE as deleteActivityRoute, PATCH as patchActivityRoute } from '@/app/api/mood/activities/[id]/route';
import { GET as listActivitiesRoute, POST as createActivityRoute } from '@/app/api/mood/activities/route';
import { DELETE as deleteAssessmentRoute } from '@/app/api/mood/assessments/[id]/route';
import { GET as listAssessmentsRoute, POST as takeAssessmentRoute } from '@/app/api/mood/assessments/route';
import { GET as dueRoute } from '@/app/api/mood/checkins/due/route';
import { DELETE as deleteEntryRoute, PATCH as patchEntryRoute } from '@/app/api/mood/entries/[id]/route';
import { GET as listEntriesRoute, POST as createEntryRoute } from '@/app/api/mood/entries/route';
import { DELETE as deleteScheduleRoute, PATCH as patchScheduleRoute } from '@/app/api/mood/schedules/[id]/route';
import { GET as listSchedulesRoute, POST as createScheduleRoute } from '@/app/api/mood/schedules/route';
import { getBus } from '@/lib/server/platform/changes/bus';
import { getClient } from '@/lib/server/platform/db/client';
import { listDueCheckins } from '@/lib/server/domains/mood';
import type { ChangeEvent } from '@/lib/shared/events';
import type { Activity, Assessment, AssessmentTaken, MoodEntry, Schedule } from '@/lib/shared/schemas/mood';
import { call, createTestUser, snapshotDb, type CallOptions, type TestUser, expectError } from './helpers';

type Handler = Parameters<typeof call>[0];

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const FOREIGN_ID = '00000000-0000-4000-8000-000000000000';
const json = { 'content-type': 'application/json' };

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the server clock only; timers and I/O keep running for real. */
function setServerTime(at: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
}

async function ok<T>(pending: Response | Promise<Response>): Promise<T> {
  const res = await pending;
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

const post = (handler: Handler, path: string, user: TestUser, body: unknown, options: CallOptions = {}) =>
  call(handler, path, { method: 'POST', cookie: user.cookie, body, ...options });
const patchAt = (handler: Handler, path: string, user: TestUser, id: string, options: CallOptions) =>
  call(handler, `${path}/${id}`, { method: 'PATCH', cookie: user.cookie, params: { id }, ...options });
const deleteAt = (handler: Handler, path: string, user: TestUser, id: string) =>
  call(handler, `${path}/${id}`, { method: 'DELETE', cookie: user.cookie, params: { id } });
const get = (handler: Handler, path: string, user: TestUser, options: CallOptions = {}) => call(handler, path, { cookie: user.cookie, ...options });

const createActivity = (user: TestUser, label: string, color: string | null = null) =>
  ok<Activity>(post(createActivityRoute, '/api/mood/activities', user, { label, color }));
const createEntry = (user: TestUser, body: Record<string, unknown>) => ok<MoodEntry>(post(createEntryRoute, '/api/mood/entries', user, body));
const takeAssessment = (user: TestUser, body: Record<string, unknown>) => ok<AssessmentTaken>(post(takeAssessmentRoute, '/api/mood/assessments', user, body));
const createSchedule = (user: TestUser, body: Record<string, unknown>) => ok<Schedule>(post(createScheduleRoute, '/api/mood/schedules', user, body));

const entriesPath = (from = Date.now() - 30 * DAY, to = Date.now() + DAY) => `/api/mood/entries?from=${from}&to=${to}`;
const listEntries = (user: TestUser, from?: number, to?: number) => ok<MoodEntry[]>(get(listEntriesRoute, entriesPath(from, to), user));
const listActivities = (user: TestUser) => ok<Activity[]>(get(listActivitiesRoute, '/api/mood/activities', user));
const listAssessments = (user: TestUser) => ok<Assessment[]>(get(listAssessmentsRoute, '/api/mood/assessments', user));
const listSchedules = (user: TestUser) => ok<Schedule[]>(get(listSchedulesRoute, '/api/mood/schedules', user));
const listDue = (user: TestUser) => ok<{ scheduleId: string; kind: string; title: string; dueAt: number }[]>(get(dueRoute, '/api/mood/checkins/due', user));

const moodCheck = { kind: 'mood-check', answers: { interest: 1, down: 2 } };
const wellbeingCheck = { kind: 'wellbeing-check', answers: { cheerful: 5, calm: 4, active: 3, rested: 2, interested: 1 } };

async function storedRow(table: string, id: string) {
  const { rows } = await getClient().execute({ sql: `SELECT * FROM ${table} WHERE id = ?`, args: [id] });
  return rows[0];
}

describe('activities', () => {
  it('are created, listed by label, renamed, recoloured and deleted', async () => {
    const user = await createTestUser();
    const walk = await createActivity(user, '  Walk  ', '#22c55e');
    const reading = await createActivity(user, 'Reading');
    expect(walk).toMatchObject({ label: 'Walk', color: '#22c55e' });
    expect(reading.color).toBeNull();
    expect((await listActivities(user)).map((a) => a.label)).toEqual(['Reading', 'Walk']);

    const renamed = await ok<Activity>(patchAt(patchActivityRoute, '/api/mood/activities', user, walk.id, { body: { label: 'Long walk', color: null } }));
    expect(renamed).toMatchObject({ id: walk.id, label: 'Long walk', color: null });
    expect(Number((await storedRow('activities', walk.id)).server_version)).toBeGreaterThan(0);

    expect(await ok<Activity>(deleteAt(deleteActivityRoute, '/api/mood/activities', user, reading.id))).toEqual(reading);
    expect(await listActivities(user)).toEqual([renamed]);
    expect((await storedRow('activities', reading.id)).deleted_at).not.toBeNull();
  });

  it('refuse a second live activity with the same label, case aside; a deleted one frees its label', async () => {
    const user = await createTestUser();
    const walk = await createActivity(user, 'Walk');
    const gym = await createActivity(user, 'Gym');
    const before = await snapshotDb();
    const again = await post(createActivityRoute, '/api/mood/activities', user, { label: ' walk ' });
    expect(again.status).toBe(400);
    const body = await again.json();
    expect(body.error).toMatchObject({ code: 'validation_failed', issues: [{ path: ['label'] }] });
    await expectError(await patchAt(patchActivityRoute, '/api/mood/activities', user, gym.id, { body: { label: 'WALK' } }), 400, 'validation_failed');
    expect(await snapshotDb()).toBe(before);

    // Its own label in other letters is a rename, not a duplicate; another user's labels are theirs.
    expect(await ok<Activity>(patchAt(patchActivityRoute, '/api/mood/activities', user, walk.id, { body: { label: 'walk' } }))).toMatchObject({
      label: 'walk',
    });
    await createActivity(await createTestUser(), 'Walk');
    await ok<Activity>(deleteAt(deleteActivityRoute, '/api/mood/activities', user, walk.id));
    expect((await createActivity(user, 'Walk')).label).toBe('Walk');
  });
});

describe('mood entries', () => {
  it('are logged with activities, listed newest first within the range, edited and deleted', async () => {
    const user = await createTestUser();
    const walk = await createActivity(user, 'Walk');
    const friends = await createActivity(user, 'Friends');
    const now = Date.now();
    const older = await createEntry(user, { score: 4, recordedAt: now - 2 * DAY });
    const logged = await createEntry(user, { score: 8, activityIds: [walk.id, friends.id], notes: '  Sunny  ' });
    expect(logged).toMatchObject({ score: 8, activityIds: [walk.id, friends.id], notes: 'Sunny' });
    expect(logged.recordedAt).toBeGreaterThanOrEqual(now);
    expect(older).toMatchObject({ score: 4, activityIds: [], notes: null, recordedAt: now - 2 * DAY });

    expect((await listEntries(user)).map((e) => e.id)).toEqual([logged.id, older.id]);
    expect((await listEntries(user, now - DAY, now + DAY)).map((e) => e.id)).toEqual([logged.id]);

    const edited = await ok<MoodEntry>(
      patchAt(patchEntryRoute, '/api/mood/entries', user, logged.id, { body: { score: 7, activityIds: [friends.id], notes: null } }),
    );
    expect(edited).toMatchObject({ id: logged.id, score: 7, activityIds: [friends.id], notes: null, recordedAt: logged.recordedAt });
    expect(edited.updatedAt).toBeGreaterThanOrEqual(logged.updatedAt);

    expect(await ok<MoodEntry>(deleteAt(deleteEntryRoute, '/api/mood/entries', user, older.id))).toEqual(older);
    expect(await listEntries(user)).toEqual([edited]);
  });

  it('keep their activity ids after the activity is deleted, and may be edited without naming activities', async () => {
    const user = await createTestUser();
    const gym = await createActivity(user, 'Gym');
    const entry = await createEntry(user, { score: 6, activityIds: [gym.id] });
    await deleteAt(deleteActivityRoute, '/api/mood/activities', user, gym.id);
    const edited = await ok<MoodEntry>(patchAt(patchEntryRoute, '/api/mood/entries', user, entry.id, { body: { score: 5 } }));
    expect(edited.activityIds).toEqual([gym.id]);
    const before = await snapshotDb();
    await expectError(await patchAt(patchEntryRoute, '/api/mood/entries', user, entry.id, { body: { activityIds: [gym.id] } }), 400, 'validation_failed');
    expect(await snapshotDb()).toBe(before);
  });
});

describe('assessments', () => {
  it('store the answers with the score computed on the server, newest first', async () => {
    const user = await createTestUser();
    const first = await takeAssessment(user, moodCheck);
    expect(first.assessment).toMatchObject({ kind: 'mood-check', answers: { interest: 1, down: 2 }, score: 3 });
    expect(first.advanced).toEqual([]);
    const second = await takeAssessment(user, wellbeingCheck);
    expect(second.assessment.score).toBe(60);
    expect(await storedRow('assessments', second.assessment.id)).toMatchObject({
      kind: 'wellbeing-check',
      score: 60,
      payload: JSON.stringify(wellbeingCheck.answers),
    });

    const listed = await listAssessments(user);
    expect(listed.map((a) => a.id).sort()).toEqual([first.assessment.id, second.assessment.id].sort());
    expect(listed[0].takenAt).toBeGreaterThanOrEqual(listed[1].takenAt);

    expect(await ok<Assessment>(deleteAt(deleteAssessmentRoute, '/api/mood/assessments', user, first.assessment.id))).toEqual(first.assessment);
    expect(await listAssessments(user)).toEqual([second.assessment]);
  });
});

describe('schedules and due check-ins', () => {
  it('are created, listed soonest first, switched off, re-timed and deleted', async () => {
    const user = await createTestUser();
    const now = Date.now();
    const weekly = await createSchedule(user, { kind: 'wellbeing-check', cadence: 'weekly', nextDueAt: now + 3 * DAY });
    const daily = await createSchedule(user, { kind: 'mood-check', cadence: 'daily' });
    expect(daily).toMatchObject({ kind: 'mood-check', cadence: 'daily', enabled: true });
    expect(daily.nextDueAt).toBeGreaterThanOrEqual(now);
    expect((await listSchedules(user)).map((s) => s.id)).toEqual([daily.id, weekly.id]);

    const off = await ok<Schedule>(patchAt(patchScheduleRoute, '/api/mood/schedules', user, daily.id, { body: { enabled: false } }));
    expect(off).toMatchObject({ id: daily.id, enabled: false, cadence: 'daily' });
    const changed = await ok<Schedule>(
      patchAt(patchScheduleRoute, '/api/mood/schedules', user, weekly.id, { body: { kind: 'mood-check', cadence: 'monthly', nextDueAt: now + DAY } }),
    );
    expect(changed).toMatchObject({ kind: 'mood-check', cadence: 'monthly', nextDueAt: now + DAY });

    expect(await ok<Schedule>(deleteAt(deleteScheduleRoute, '/api/mood/schedules', user, daily.id))).toEqual(off);
    expect(await listSchedules(user)).toEqual([changed]);
  });

  it('lists enabled schedules due now as { scheduleId, kind, title, dueAt }, longest-waiting first', async () => {
    const user = await createTestUser();
    const now = Date.now();
    const waiting = await createSchedule(user, { kind: 'wellbeing-check', cadence: 'weekly', nextDueAt: now - 2 * DAY });
    const justDue = await createSchedule(user, { kind: 'mood-check', cadence: 'daily', nextDueAt: now - HOUR });
    await createSchedule(user, { kind: 'mood-check', cadence: 'daily', nextDueAt: now + HOUR });
    await createSchedule(user, { kind: 'mood-check', cadence: 'daily', nextDueAt: now - DAY, enabled: false });

    const expected = [
      { scheduleId: waiting.id, kind: 'wellbeing-check', title: 'Wellbeing check', dueAt: now - 2 * DAY },
      { scheduleId: justDue.id, kind: 'mood-check', title: 'Mood check', dueAt: now - HOUR },
    ];
    expect(await listDue(user)).toEqual(expected);
    expect(await listDueCheckins({ userId: user.id }, now)).toEqual(expected);
    expect(await listDueCheckins({ userId: user.id }, now + 2 * HOUR)).toHaveLength(3);
  });

  it('moves the due schedules of the kind taken on by their cadence, skipping missed ones, leaving the rest alone', async () => {
    const user = await createTestUser({ timezone: 'Asia/Tokyo' });
    const t0 = Date.now();
    const dueDaily = await createSchedule(user, { kind: 'mood-check', cadence: 'daily', nextDueAt: t0 - 4 * HOUR });
    const missedWeekly = await createSchedule(user, { kind: 'mood-check', cadence: 'weekly', nextDueAt: t0 - 20 * DAY });
    const notYet = await createSchedule(user, { kind: 'mood-check', cadence: 'daily', nextDueAt: t0 + HOUR });
    const disabled = await createSchedule(user, { kind: 'mood-check', cadence: 'daily', nextDueAt: t0 - HOUR, enabled: false });
    const otherKind = await createSchedule(user, { kind: 'wellbeing-check', cadence: 'daily', nextDueAt: t0 - HOUR });

    const taken = await takeAssessment(user, moodCheck);
    expect(taken.advanced.map((s) => [s.id, s.nextDueAt])).toEqual([
      [missedWeekly.id, t0 + DAY],
      [dueDaily.id, t0 + 20 * HOUR],
    ]);
    const byId = new Map((await listSchedules(user)).map((s) => [s.id, s.nextDueAt]));
    expect(byId.get(dueDaily.id)).toBe(t0 + 20 * HOUR);
    expect(byId.get(missedWeekly.id)).toBe(t0 + DAY);
    expect(byId.get(notYet.id)).toBe(notYet.nextDueAt);
    expect(byId.get(disabled.id)).toBe(disabled.nextDueAt);
    expect(byId.get(otherKind.id)).toBe(otherKind.nextDueAt);
    expect((await listDue(user)).map((d) => d.scheduleId)).toEqual([otherKind.id]);
  });

  it('starts a schedule set up right after its check-in at the next occurrence, not due at once; other kinds and older check-ins leave it due', async () => {
    const user = await createTestUser({ timezone: 'Europe/Berlin' });
    await takeAssessment(user, moodCheck);
    const t0 = Date.now();
    const weekly = await createSchedule(user, { kind: 'mood-check', cadence: 'weekly', nextDueAt: t0 });
    expect(weekly.nextDueAt).toBe(t0 + 7 * DAY);
    const otherKind = await createSchedule(user, { kind: 'wellbeing-check', cadence: 'weekly', nextDueAt: t0 });
    expect(otherKind.nextDueAt).toBe(t0);
    const later = await createSchedule(user, { kind: 'mood-check', cadence: 'daily', nextDueAt: t0 + HOUR });
    expect(later.nextDueAt).toBe(t0 + HOUR);
    expect((await listDue(user)).map((d) => d.scheduleId)).toEqual([otherKind.id]);

    // A check-in more than one cadence ago answers nothing now.
    const old = await createTestUser({ timezone: 'Europe/Berlin' });
    setServerTime(t0 - 2 * DAY);
    await takeAssessment(old, moodCheck);
    vi.useRealTimers();
    const daily = await createSchedule(old, { kind: 'mood-check', cadence: 'daily', nextDueAt: t0 });
    expect(daily.nextDueAt).toBe(t0);
  });
});

describe('mood writes that break the rules change nothing', () => {
  let user: TestUser;
  const ids = { entry: '', activity: '', schedule: '' };
  beforeAll(async () => {
    user = await createTestUser();
    const activity = await createActivity(user, 'Walk');
    const entry = await createEntry(user, { score: 5, activityIds: [activity.id] });
    const schedule = await createSchedule(user, { kind: 'mood-check', cadence: 'daily' });
    Object.assign(ids, { entry: entry.id, activity: activity.id, schedule: schedule.id });
  });

  const bodyClasses = (valid: Record<string, unknown>): [string, number, string, CallOptions][] => [
    ['wrong content type', 415, 'unsupported_media_type', { raw: JSON.stringify(valid), headers: { 'content-type': 'text/plain' } }],
    ['malformed JSON', 400, 'invalid_json', { raw: '{"score": ', headers: json }],
    ['a body over 1 MiB', 413, 'payload_too_large', { raw: JSON.stringify({ ...valid, notes: 'x'.repeat(1024 * 1024 + 10) }), headers: json }],
    ['a JSON array', 400, 'validation_failed', { body: [valid] }],
    ['an unknown field', 400, 'validation_failed', { body: { ...valid, userId: 'someone-else' } }],
  ];

  /** Options that name rows made in beforeAll are built when the test runs, after it. */
  type Case = [label: string, status: number, code: string, options: CallOptions | (() => CallOptions)];
  const resolve = (options: Case[3]) => (typeof options === 'function' ? options() : options);
  const creates: [route: string, handler: Handler, cases: () => Case[]][] = [
    [
      '/api/mood/entries',
      createEntryRoute,
      () => [
        ...bodyClasses({ score: 5 }),
        ['score 0', 400, 'validation_failed', { body: { score: 0 } }],
        ['score 11', 400, 'validation_failed', { body: { score: 11 } }],
        ['a fractional score', 400, 'validation_failed', { body: { score: 5.5 } }],
        ['a missing score', 400, 'validation_failed', { body: { notes: 'no score' } }],
        ['an unknown activity id', 400, 'validation_failed', () => ({ body: { score: 5, activityIds: [ids.activity, FOREIGN_ID] } })],
        ['an activity id that is not a UUID', 400, 'validation_failed', { body: { score: 5, activityIds: ['walk'] } }],
        ['the same activity twice', 400, 'validation_failed', () => ({ body: { score: 5, activityIds: [ids.activity, ids.activity] } })],
        ['notes over 2000 characters', 400, 'validation_failed', { body: { score: 5, notes: 'n'.repeat(2001) } }],
        ['a negative time', 400, 'validation_failed', { body: { score: 5, recordedAt: -1 } }],
      ],
    ],
    [
      '/api/mood/activities',
      createActivityRoute,
      () => [
        ...bodyClasses({ label: 'Swim' }),
        ['an empty label', 400, 'validation_failed', { body: { label: '  ' } }],
        ['a label over 50 characters', 400, 'validation_failed', { body: { label: 'l'.repeat(51) } }],
        ['a colour that is not #rrggbb', 400, 'validation_failed', { body: { label: 'Swim', color: 'green' } }],
      ],
    ],
    [
      '/api/mood/assessments',
      takeAssessmentRoute,
      () => [
        ...bodyClasses(moodCheck),
        ['an unknown kind', 400, 'validation_failed', { body: { kind: 'iq-test', answers: {} } }],
        ['a missing answer', 400, 'validation_failed', { body: { kind: 'mood-check', answers: { interest: 1 } } }],
        ['an answer off the scale', 400, 'validation_failed', { body: { kind: 'mood-check', answers: { interest: 4, down: 0 } } }],
        ['a negative answer', 400, 'validation_failed', { body: { kind: 'wellbeing-check', answers: { ...wellbeingCheck.answers, calm: -1 } } }],
        ['an answer to a question not asked', 400, 'validation_failed', { body: { kind: 'mood-check', answers: { interest: 1, down: 1, sleep: 1 } } }],
        ['a score sent by the client', 400, 'validation_failed', { body: { ...moodCheck, score: 0 } }],
      ],
    ],
    [
      '/api/mood/schedules',
      createScheduleRoute,
      () => [
        ...bodyClasses({ kind: 'mood-check', cadence: 'daily' }),
        ['an unknown cadence', 400, 'validation_failed', { body: { kind: 'mood-check', cadence: 'hourly' } }],
        ['an unknown kind', 400, 'validation_failed', { body: { kind: 'quiz', cadence: 'daily' } }],
        ['enabled as a string', 400, 'validation_failed', { body: { kind: 'mood-check', cadence: 'daily', enabled: 'yes' } }],
      ],
    ],
  ];

  describe.each(creates)('POST %s', (path, handler, cases) => {
    it.each(cases())('%s → %i %s', async (_label, status, code, options) => {
      const before = await snapshotDb();
      await expectError(await call(handler, path, { method: 'POST', cookie: user.cookie, ...resolve(options) }), status, code);
      expect(await snapshotDb()).toBe(before);
    });
  });

  const patches: [route: string, handler: Handler, id: () => string, cases: () => Case[]][] = [
    [
      '/api/mood/entries',
      patchEntryRoute,
      () => ids.entry,
      () => [
        ...bodyClasses({ score: 6 }),
        ['an empty patch', 400, 'validation_failed', { body: {} }],
        ['score 0', 400, 'validation_failed', { body: { score: 0 } }],
        ['score 11', 400, 'validation_failed', { body: { score: 11 } }],
        ['an unknown activity id', 400, 'validation_failed', { body: { activityIds: [FOREIGN_ID] } }],
      ],
    ],
    [
      '/api/mood/activities',
      patchActivityRoute,
      () => ids.activity,
      () => [
        ...bodyClasses({ label: 'Run' }),
        ['an empty patch', 400, 'validation_failed', { body: {} }],
        ['an empty label', 400, 'validation_failed', { body: { label: '' } }],
      ],
    ],
    [
      '/api/mood/schedules',
      patchScheduleRoute,
      () => ids.schedule,
      () => [
        ...bodyClasses({ enabled: false }),
        ['an empty patch', 400, 'validation_failed', { body: {} }],
        ['an unknown cadence', 400, 'validation_failed', { body: { cadence: 'yearly' } }],
        ['a next due time as a string', 400, 'validation_failed', { body: { nextDueAt: 'tomorrow' } }],
      ],
    ],
  ];

  describe.each(patches)('PATCH %s/[id]', (path, handler, id, cases) => {
    it.each(cases())('%s → %i %s', async (_label, status, code, options) => {
      const before = await snapshotDb();
      await expectError(await patchAt(handler, path, user, id(), resolve(options)), status, code);
      expect(await snapshotDb()).toBe(before);
    });
  });

  const idRoutes: [label: string, send: (id: string) => Promise<Response>][] = [
    ['PATCH /api/mood/entries/[id]', (id) => patchAt(patchEntryRoute, '/api/mood/entries', user, id, { body: { score: 3 } })],
    ['DELETE /api/mood/entries/[id]', (id) => deleteAt(deleteEntryRoute, '/api/mood/entries', user, id)],
    ['PATCH /api/mood/activities/[id]', (id) => patchAt(patchActivityRoute, '/api/mood/activities', user, id, { body: { label: 'x' } })],
    ['DELETE /api/mood/activities/[id]', (id) => deleteAt(deleteActivityRoute, '/api/mood/activities', user, id)],
    ['DELETE /api/mood/assessments/[id]', (id) => deleteAt(deleteAssessmentRoute, '/api/mood/assessments', user, id)],
    ['PATCH /api/mood/schedules/[id]', (id) => patchAt(patchScheduleRoute, '/api/mood/schedules', user, id, { body: { enabled: false } })],
    ['DELETE /api/mood/schedules/[id]', (id) => deleteAt(deleteScheduleRoute, '/api/mood/schedules', user, id)],
  ];

  it.each(idRoutes)('%s answers 404 to an unknown id and to an id that is not a UUID', async (_label, send) => {
    const before = await snapshotDb();
    await expectError(await send(FOREIGN_ID), 404, 'not_found');
    await expectError(await send('not-a-uuid'), 404, 'not_found');
    expect(await snapshotDb()).toBe(before);
  });

  it.each([
    ['to before from', '?from=100&to=50'],
    ['a range over a year', `?from=0&to=${367 * DAY}`],
    ['a missing bound', '?to=100'],
  ])('GET /api/mood/entries answers 400 to %s', async (_label, query) => {
    await expectError(await get(listEntriesRoute, `/api/mood/entries${query}`, user), 400, 'validation_failed');
  });

  it('answers 401 to every route when nobody is signed in', async () => {
    const before = await snapshotDb();
    const anonymous: [Handler, string, CallOptions][] = [
      [listEntriesRoute, entriesPath(), {}],
      [createEntryRoute, '/api/mood/entries', { method: 'POST', body: { score: 5 } }],
      [patchEntryRoute, `/api/mood/entries/${ids.entry}`, { method: 'PATCH', body: { score: 1 }, params: { id: ids.entry } }],
      [deleteEntryRoute, `/api/mood/entries/${ids.entry}`, { method: 'DELETE', params: { id: ids.entry } }],
      [listActivitiesRoute, '/api/mood/activities', {}],
      [createActivityRoute, '/api/mood/activities', { method: 'POST', body: { label: 'x' } }],
      [listAssessmentsRoute, '/api/mood/assessments', {}],
      [takeAssessmentRoute, '/api/mood/assessments', { method: 'POST', body: moodCheck }],
      [listSchedulesRoute, '/api/mood/schedules', {}],
      [createScheduleRoute, '/api/mood/schedules', { method: 'POST', body: { kind: 'mood-check', cadence: 'daily' } }],
      [dueRoute, '/api/mood/checkins/due', {}],
    ];
    for (const [handler, path, options] of anonymous) await expectError(await call(handler, path, options), 401, 'unauthorized');
    expect(await snapshotDb()).toBe(before);
  });
});

describe('mood data is private to its owner', () => {
  it("answers 404 to B on every id route for A's rows and changes nothing", async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    const activity = await createActivity(a, 'A walk');
    const entry = await createEntry(a, { score: 9, activityIds: [activity.id] });
    const { assessment } = await takeAssessment(a, moodCheck);
    const schedule = await createSchedule(a, { kind: 'mood-check', cadence: 'daily' });

    const before = await snapshotDb();
    const attempts: Promise<Response>[] = [
      patchAt(patchEntryRoute, '/api/mood/entries', b, entry.id, { body: { score: 1 } }),
      deleteAt(deleteEntryRoute, '/api/mood/entries', b, entry.id),
      patchAt(patchActivityRoute, '/api/mood/activities', b, activity.id, { body: { label: 'Mine now' } }),
      deleteAt(deleteActivityRoute, '/api/mood/activities', b, activity.id),
      deleteAt(deleteAssessmentRoute, '/api/mood/assessments', b, assessment.id),
      patchAt(patchScheduleRoute, '/api/mood/schedules', b, schedule.id, { body: { enabled: false } }),
      deleteAt(deleteScheduleRoute, '/api/mood/schedules', b, schedule.id),
    ];
    for (const res of await Promise.all(attempts)) await expectError(res, 404, 'not_found');
    expect(await snapshotDb()).toBe(before);
  });

  it("never lists A's rows to B", async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    const activity = await createActivity(a, 'A only');
    await createEntry(a, { score: 9, activityIds: [activity.id] });
    await takeAssessment(a, moodCheck);
    // Another kind than the one just taken, so it is due now.
    await createSchedule(a, { kind: 'wellbeing-check', cadence: 'daily', nextDueAt: Date.now() - HOUR });

    expect(await listActivities(b)).toEqual([]);
    expect(await listEntries(b)).toEqual([]);
    expect(await listAssessments(b)).toEqual([]);
    expect(await listSchedules(b)).toEqual([]);
    expect(await listDue(b)).toEqual([]);
    expect(await listDue(a)).toHaveLength(1);
  });

  it("refuses to attach A's activities to B's mood entry", async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    const aActivity = await createActivity(a, 'A gym');
    const bEntry = await createEntry(b, { score: 5 });
    const before = await snapshotDb();
    await expectError(await post(createEntryRoute, '/api/mood/entries', b, { score: 6, activityIds: [aActivity.id] }), 400, 'validation_failed');
    await expectError(await patchAt(patchEntryRoute, '/api/mood/entries', b, bEntry.id, { body: { activityIds: [aActivity.id] } }), 400, 'validation_failed');
    expect(await snapshotDb()).toBe(before);
  });

  it("does not move A's due schedules when B takes the same check-in", async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    const schedule = await createSchedule(a, { kind: 'mood-check', cadence: 'daily', nextDueAt: Date.now() - HOUR });
    const taken = await takeAssessment(b, moodCheck);
    expect(taken.advanced).toEqual([]);
    expect((await listSchedules(a))[0].nextDueAt).toBe(schedule.nextDueAt);
  });
});

describe('mood GETs are conditional on the mood scope', () => {
  const reads: [label: string, handler: Handler, path: () => string][] = [
    ['/api/mood/entries', listEntriesRoute, () => entriesPath(Date.now() - DAY, Date.now() + DAY)],
    ['/api/mood/activities', listActivitiesRoute, () => '/api/mood/activities'],
    ['/api/mood/assessments', listAssessmentsRoute, () => '/api/mood/assessments'],
    ['/api/mood/schedules', listSchedulesRoute, () => '/api/mood/schedules'],
    ['/api/mood/checkins/due', dueRoute, () => '/api/mood/checkins/due'],
  ];

  it.each(reads)('GET %s answers 200, then 304 for the same ETag, then 200 after a mood write', async (_label, handler, path) => {
    // Some of these ETags carry the current minute: the clock must not tick over between the GETs.
    setServerTime(Date.now());
    const user = await createTestUser();
    const url = path();
    const first = await get(handler, url, user);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);

    const again = await get(handler, url, user, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    await createActivity(user, 'Changes the scope');
    const after = await get(handler, url, user, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('gives the due check-ins a new ETag when the minute changes, since time alone makes a schedule due', async () => {
    const user = await createTestUser();
    const t0 = Math.floor(Date.now() / 60_000) * 60_000 + 1000;
    setServerTime(t0);
    await createSchedule(user, { kind: 'mood-check', cadence: 'daily', nextDueAt: t0 + 30_000 });
    const first = await get(dueRoute, '/api/mood/checkins/due', user);
    expect(await first.json()).toEqual([]);
    const etag = first.headers.get('etag')!;
    setServerTime(t0 + 40_000);
    expect((await get(dueRoute, '/api/mood/checkins/due', user, { headers: { 'if-none-match': etag } })).status).toBe(304);
    setServerTime(t0 + 60_000);
    const later = await get(dueRoute, '/api/mood/checkins/due', user, { headers: { 'if-none-match': etag } });
    expect(later.status).toBe(200);
    expect(await later.json()).toHaveLength(1);
  });
});

describe('every mood write publishes one change event on the mood scope', () => {
  it('publishes once per accepted write and nothing for a rejected one', async () => {
    const user = await createTestUser();
    const events: ChangeEvent[] = [];
    const unsubscribe = getBus().subscribe(user.id, (e) => events.push(e));
    try {
      const device = { headers: { 'x-device-id': 'tab-mood' } };
      const activity = await ok<Activity>(post(createActivityRoute, '/api/mood/activities', user, { label: 'Yoga' }, device));
      await post(createEntryRoute, '/api/mood/entries', user, { score: 7, activityIds: [activity.id] }, device);
      await post(createEntryRoute, '/api/mood/entries', user, { score: 0 }, device);
      await post(takeAssessmentRoute, '/api/mood/assessments', user, moodCheck, device);
      await post(createScheduleRoute, '/api/mood/schedules', user, { kind: 'mood-check', cadence: 'weekly' }, device);
      expect(events).toHaveLength(4);
      for (const e of events) expect(e).toMatchObject({ userId: user.id, scope: 'mood', sourceDeviceId: 'tab-mood', hints: { changedScopes: ['mood'] } });
    } finally {
      unsubscribe();
    }
  });
});
