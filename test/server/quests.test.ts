import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as complete } from '@/app/api/quests/[id]/complete/route';
import { POST as progress } from '@/app/api/quests/[id]/progress/route';
import { POST as reopen } from '@/app/api/quests/[id]/reopen/route';
import { DELETE as remove, PATCH as patch } from '@/app/api/quests/[id]/route';
import { GET as list, POST as create } from '@/app/api/quests/route';
import { getBus } from '@/lib/server/platform/changes/bus';
import { getClient } from '@/lib/server/platform/db/client';
import type { ChangeEvent } from '@/lib/shared/events';
import type { Quest, QuestList } from '@/lib/shared/schemas/quests';
import { call, createTestUser, snapshotDb, type CallOptions, type TestUser, expectError } from './helpers';

type Handler = Parameters<typeof call>[0];
type Case = [label: string, status: number, code: string, options: CallOptions];

const DAY = 24 * 3600_000;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const json = { 'content-type': 'application/json' };

const send = (handler: Handler, method: string, path: string, user: TestUser, options: CallOptions = {}) =>
  call(handler, path, { method, cookie: user.cookie, ...options });

const atQuest = (handler: Handler, method: string, id: string, action: string, user: TestUser, options: CallOptions = {}) =>
  send(handler, method, `/api/quests/${id}${action}`, user, { params: { id }, ...options });

async function createQuest(user: TestUser, body: Record<string, unknown> = {}): Promise<Quest> {
  const res = await send(create, 'POST', '/api/quests', user, { body: { title: 'Run 100 km', target: 100, xpReward: 50, ...body } });
  expect(res.status).toBe(201);
  return res.json();
}

async function questsOf(user: TestUser): Promise<QuestList> {
  const res = await call(list, '/api/quests', { cookie: user.cookie });
  expect(res.status).toBe(200);
  return res.json();
}

async function storedRow(id: string) {
  const { rows } = await getClient().execute({ sql: 'SELECT * FROM quests WHERE id = ?', args: [id] });
  return rows[0];
}

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the server clock only; timers and I/O keep running for real. */
function setServerTime(at: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
}

const bodyClasses = (valid: Record<string, unknown>): Case[] => [
  ['wrong content type', 415, 'unsupported_media_type', { raw: JSON.stringify(valid), headers: { 'content-type': 'text/plain' } }],
  ['no content type', 415, 'unsupported_media_type', { raw: JSON.stringify(valid) }],
  ['malformed JSON', 400, 'invalid_json', { raw: '{"title": ', headers: json }],
  ['a body over 1 MiB', 413, 'payload_too_large', { raw: JSON.stringify({ ...valid, title: 'x'.repeat(1024 * 1024 + 10) }), headers: json }],
  ['a JSON array', 400, 'validation_failed', { body: [valid] }],
  ['null', 400, 'validation_failed', { body: null }],
];

describe('a quest from creation to completion', () => {
  it('creates, moves progress, completes, reopens, edits and deletes a quest', async () => {
    const user = await createTestUser();
    const deadline = Date.now() + 7 * DAY;
    const quest = await createQuest(user, { title: '  Read 12 books  ', description: '   ', target: 12, xpReward: 120, deadline });
    expect(quest).toMatchObject({ title: 'Read 12 books', description: null, target: 12, progress: 0, xpReward: 120, deadline, completedAt: null });
    expect(await questsOf(user)).toEqual({ quests: [quest], xp: { total: 0, level: 1, intoLevel: 0, forNextLevel: 100 } });

    const step = async (body: unknown) => {
      const res = await atQuest(progress, 'POST', quest.id, '/progress', user, { body });
      expect(res.status).toBe(200);
      return ((await res.json()) as Quest).progress;
    };
    expect(await step({ by: 1 })).toBe(1);
    expect(await step({ to: 5 })).toBe(5);
    expect(await step({ by: -2 })).toBe(3);
    expect(await step({ by: 100 })).toBe(12);
    expect(await step({ by: -100 })).toBe(0);
    expect(await step({ to: 12 })).toBe(12);
    expect(await step({ to: 7 })).toBe(7);

    const completed = await atQuest(complete, 'POST', quest.id, '/complete', user);
    expect(completed.status).toBe(200);
    const done: Quest = await completed.json();
    expect(done.completedAt).toEqual(expect.any(Number));
    expect(done.progress).toBe(12);
    expect((await questsOf(user)).xp).toEqual({ total: 120, level: 2, intoLevel: 20, forNextLevel: 200 });

    const reopened: Quest = await (await atQuest(reopen, 'POST', quest.id, '/reopen', user)).json();
    expect(reopened).toMatchObject({ completedAt: null, progress: 12 });
    expect((await questsOf(user)).xp.total).toBe(0);

    const edited = await atQuest(patch, 'PATCH', quest.id, '', user, {
      body: { title: 'Read 10 books', description: 'Fiction too', target: 10, deadline: null },
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ title: 'Read 10 books', description: 'Fiction too', target: 10, progress: 10, xpReward: 120, deadline: null });

    const deleted = await atQuest(remove, 'DELETE', quest.id, '', user);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ id: quest.id, deletedAt: expect.any(Number) });
    expect((await questsOf(user)).quests).toEqual([]);
    expect((await storedRow(quest.id)).deleted_at).toEqual(expect.any(Number));
  });

  it('stamps every write with a new server version and updated_at on the row', async () => {
    const user = await createTestUser();
    const quest = await createQuest(user);
    const versions = [Number((await storedRow(quest.id)).server_version)];
    const writes: [Handler, string, string, unknown][] = [
      [progress, 'POST', '/progress', { by: 1 }],
      [patch, 'PATCH', '', { xpReward: 70 }],
      [complete, 'POST', '/complete', undefined],
      [reopen, 'POST', '/reopen', undefined],
      [remove, 'DELETE', '', undefined],
    ];
    for (const [handler, method, action, body] of writes) {
      const before = Number((await storedRow(quest.id)).updated_at);
      expect((await atQuest(handler, method, quest.id, action, user, { body })).status).toBe(200);
      const row = await storedRow(quest.id);
      expect(Number(row.updated_at)).toBeGreaterThanOrEqual(before);
      versions.push(Number(row.server_version));
    }
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('keeps a completed quest at its target when the target is edited, and an open one within it', async () => {
    const user = await createTestUser();
    const open = await createQuest(user, { target: 10 });
    await atQuest(progress, 'POST', open.id, '/progress', user, { body: { to: 8 } });
    expect(await (await atQuest(patch, 'PATCH', open.id, '', user, { body: { target: 5 } })).json()).toMatchObject({ target: 5, progress: 5 });
    expect(await (await atQuest(patch, 'PATCH', open.id, '', user, { body: { target: 20 } })).json()).toMatchObject({ target: 20, progress: 5 });

    const done = await createQuest(user, { target: 3 });
    await atQuest(complete, 'POST', done.id, '/complete', user);
    expect(await (await atQuest(patch, 'PATCH', done.id, '', user, { body: { target: 30 } })).json()).toMatchObject({ target: 30, progress: 30 });
  });

  it('counts XP of completed, undeleted quests only, newest quests listed first', async () => {
    const user = await createTestUser();
    const t0 = Date.now();
    setServerTime(t0);
    const a = await createQuest(user, { title: 'A', xpReward: 60 });
    setServerTime(t0 + 1000);
    const b = await createQuest(user, { title: 'B', xpReward: 50 });
    setServerTime(t0 + 2000);
    const c = await createQuest(user, { title: 'C', xpReward: 500 });
    await atQuest(complete, 'POST', a.id, '/complete', user);
    await atQuest(complete, 'POST', b.id, '/complete', user);
    const listed = await questsOf(user);
    expect(listed.quests.map((q) => q.title)).toEqual(['C', 'B', 'A']);
    expect(listed.xp).toEqual({ total: 110, level: 2, intoLevel: 10, forNextLevel: 200 });
    await atQuest(remove, 'DELETE', b.id, '', user);
    expect((await questsOf(user)).xp.total).toBe(60);
    expect(c.completedAt).toBeNull();
  });

  it('bumps quests and progress when XP can move, and quests alone for progress steps', async () => {
    const user = await createTestUser();
    const events: ChangeEvent[] = [];
    const unsubscribe = getBus().subscribe(user.id, (e) => events.push(e));
    try {
      const device = { headers: { 'x-device-id': 'phone' } };
      const quest = await createQuest(user);
      await atQuest(progress, 'POST', quest.id, '/progress', user, { body: { by: 1 }, ...device });
      await atQuest(complete, 'POST', quest.id, '/complete', user, device);
      await atQuest(reopen, 'POST', quest.id, '/reopen', user, device);
      await atQuest(complete, 'POST', quest.id, '/complete', user, device);
      expect(events.map((e) => e.hints.changedScopes)).toEqual([
        ['quests'],
        ['quests'],
        ['quests', 'progress'],
        ['quests', 'progress'],
        ['quests', 'progress'],
      ]);
      expect(events.slice(1).every((e) => e.sourceDeviceId === 'phone' && e.scope === 'quests')).toBe(true);
    } finally {
      unsubscribe();
    }
  });
});

describe('quest writes reject bad input and change nothing', () => {
  let user: TestUser;
  let quest: Quest;
  beforeAll(async () => {
    user = await createTestUser();
    quest = await createQuest(user, { target: 10 });
  });

  const valid = { title: 'Fine', target: 5, xpReward: 10 };
  const createCases: Case[] = [
    ...bodyClasses(valid),
    ['a missing title', 400, 'validation_failed', { body: { target: 5, xpReward: 10 } }],
    ['a blank title', 400, 'validation_failed', { body: { ...valid, title: '   ' } }],
    ['a title over 200 characters', 400, 'validation_failed', { body: { ...valid, title: 't'.repeat(201) } }],
    ['a description over 2000 characters', 400, 'validation_failed', { body: { ...valid, description: 'd'.repeat(2001) } }],
    ['target 0', 400, 'validation_failed', { body: { ...valid, target: 0 } }],
    ['a fractional target', 400, 'validation_failed', { body: { ...valid, target: 2.5 } }],
    ["target '5'", 400, 'validation_failed', { body: { ...valid, target: '5' } }],
    ['negative XP', 400, 'validation_failed', { body: { ...valid, xpReward: -1 } }],
    ['XP over 10,000', 400, 'validation_failed', { body: { ...valid, xpReward: 10_001 } }],
    ['a deadline as a string', 400, 'validation_failed', { body: { ...valid, deadline: '2026-01-01' } }],
    ['a negative deadline', 400, 'validation_failed', { body: { ...valid, deadline: -1 } }],
    ['an unknown field', 400, 'validation_failed', { body: { ...valid, progress: 5 } }],
  ];

  it.each(createCases)('POST /api/quests with %s → %i %s', async (_label, status, code, options) => {
    const before = await snapshotDb();
    await expectError(await send(create, 'POST', '/api/quests', user, options), status, code);
    expect(await snapshotDb()).toBe(before);
  });

  const patchCases: Case[] = [
    ...bodyClasses({ title: 'Renamed' }),
    ['an empty patch', 400, 'validation_failed', { body: {} }],
    ['a null title', 400, 'validation_failed', { body: { title: null } }],
    ['target 0', 400, 'validation_failed', { body: { target: 0 } }],
    ['an unknown field', 400, 'validation_failed', { body: { completedAt: 1 } }],
  ];

  it.each(patchCases)('PATCH /api/quests/[id] with %s → %i %s', async (_label, status, code, options) => {
    const before = await snapshotDb();
    await expectError(await atQuest(patch, 'PATCH', quest.id, '', user, options), status, code);
    expect(await snapshotDb()).toBe(before);
  });

  const progressCases: Case[] = [
    ...bodyClasses({ by: 1 }),
    ['an empty body', 400, 'validation_failed', { body: {} }],
    ['both by and to', 400, 'validation_failed', { body: { by: 1, to: 2 } }],
    ['a zero step', 400, 'validation_failed', { body: { by: 0 } }],
    ['a fractional step', 400, 'validation_failed', { body: { by: 0.5 } }],
    ['a negative value', 400, 'validation_failed', { body: { to: -1 } }],
    ['a value past the target', 400, 'bad_request', { body: { to: 11 } }],
  ];

  it.each(progressCases)('POST /api/quests/[id]/progress with %s → %i %s', async (_label, status, code, options) => {
    const before = await snapshotDb();
    await expectError(await atQuest(progress, 'POST', quest.id, '/progress', user, options), status, code);
    expect(await snapshotDb()).toBe(before);
  });

  it('answers 401 before looking at the body when nobody is signed in', async () => {
    const before = await snapshotDb();
    await expectError(await call(create, '/api/quests', { method: 'POST', raw: '{oops', headers: json }), 401, 'unauthorized');
    await expectError(await call(list, '/api/quests'), 401, 'unauthorized');
    expect(await snapshotDb()).toBe(before);
  });
});

describe('quest ids that do not name a live quest of the caller', () => {
  const idRoutes: [label: string, handler: Handler, method: string, action: string, body?: unknown][] = [
    ['PATCH', patch, 'PATCH', '', { title: 'x' }],
    ['DELETE', remove, 'DELETE', ''],
    ['progress', progress, 'POST', '/progress', { by: 1 }],
    ['complete', complete, 'POST', '/complete'],
    ['reopen', reopen, 'POST', '/reopen'],
  ];

  it.each(idRoutes)('answer 404 to %s for an unknown, malformed or deleted id, changing nothing', async (_label, handler, method, action, body) => {
    const user = await createTestUser();
    const gone = await createQuest(user);
    await atQuest(remove, 'DELETE', gone.id, '', user);
    const before = await snapshotDb();
    for (const id of [UNKNOWN_ID, 'not-a-uuid', `${UNKNOWN_ID}x`, gone.id]) {
      await expectError(await atQuest(handler, method, id, action, user, { body }), 404, 'not_found');
    }
    expect(await snapshotDb()).toBe(before);
  });
});

describe('quest writes that do not fit the quest state', () => {
  it('answers 409 to completing a completed quest, reopening an open one and moving a completed one, changing nothing', async () => {
    const user = await createTestUser();
    const open = await createQuest(user);
    const done = await createQuest(user);
    await atQuest(complete, 'POST', done.id, '/complete', user);
    const before = await snapshotDb();
    await expectError(await atQuest(complete, 'POST', done.id, '/complete', user), 409, 'conflict');
    await expectError(await atQuest(reopen, 'POST', open.id, '/reopen', user), 409, 'conflict');
    await expectError(await atQuest(progress, 'POST', done.id, '/progress', user, { body: { by: 1 } }), 409, 'conflict');
    await expectError(await atQuest(progress, 'POST', done.id, '/progress', user, { body: { to: 0 } }), 409, 'conflict');
    expect(await snapshotDb()).toBe(before);
  });

  it('lets exactly one of three simultaneous completions win and awards the XP once', async () => {
    const user = await createTestUser();
    const quest = await createQuest(user, { xpReward: 40 });
    const results = await Promise.all([1, 2, 3].map(() => atQuest(complete, 'POST', quest.id, '/complete', user)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect((await questsOf(user)).xp.total).toBe(40);
  });
});

describe('quests are private to their owner', () => {
  it("answers 404 to every id route for another user's quest and never lists it", async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    const quest = await createQuest(a, { xpReward: 80 });
    const done = await createQuest(a, { xpReward: 30 });
    await atQuest(complete, 'POST', done.id, '/complete', a);

    const before = await snapshotDb();
    for (const id of [quest.id, done.id]) {
      await expectError(await atQuest(patch, 'PATCH', id, '', b, { body: { title: 'mine now' } }), 404, 'not_found');
      await expectError(await atQuest(remove, 'DELETE', id, '', b), 404, 'not_found');
      await expectError(await atQuest(progress, 'POST', id, '/progress', b, { body: { by: 1 } }), 404, 'not_found');
      await expectError(await atQuest(complete, 'POST', id, '/complete', b), 404, 'not_found');
      await expectError(await atQuest(reopen, 'POST', id, '/reopen', b), 404, 'not_found');
    }
    expect(await snapshotDb()).toBe(before);

    expect(await questsOf(b)).toEqual({ quests: [], xp: { total: 0, level: 1, intoLevel: 0, forNextLevel: 100 } });
    const own = await createQuest(b);
    expect((await questsOf(b)).quests.map((q) => q.id)).toEqual([own.id]);
    expect((await questsOf(a)).quests.map((q) => q.id).sort()).toEqual([quest.id, done.id].sort());
    expect((await questsOf(a)).xp.total).toBe(30);
  });
});

describe('GET /api/quests is a conditional GET', () => {
  it('answers 200 with an ETag, 304 for the same ETag, and 200 with a new ETag after a write', async () => {
    const user = await createTestUser();
    const first = await call(list, '/api/quests', { cookie: user.cookie });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);

    const again = await call(list, '/api/quests', { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const quest = await createQuest(user);
    const after = await call(list, '/api/quests', { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    const newEtag = after.headers.get('etag')!;
    expect(newEtag).not.toBe(etag);
    expect((await after.json()).quests.map((q: Quest) => q.id)).toEqual([quest.id]);

    await atQuest(progress, 'POST', quest.id, '/progress', user, { body: { by: 1 } });
    expect((await call(list, '/api/quests', { cookie: user.cookie, headers: { 'if-none-match': newEtag } })).status).toBe(200);
  });

  it('stays 304 when another user writes', async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    const etag = (await call(list, '/api/quests', { cookie: a.cookie })).headers.get('etag')!;
    await createQuest(b);
    expect((await call(list, '/api/quests', { cookie: a.cookie, headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('answers 401 without a session even with a matching If-None-Match', async () => {
    const user = await createTestUser();
    const etag = (await call(list, '/api/quests', { cookie: user.cookie })).headers.get('etag')!;
    await expectError(await call(list, '/api/quests', { headers: { 'if-none-match': etag } }), 401, 'unauthorized');
  });
});
