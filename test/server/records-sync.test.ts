import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { POST as createKey } from '@/app/api/api-keys/route';
import { POST as registerDevice } from '@/app/api/devices/route';
import { GET as listHabits } from '@/app/api/habits/route';
import { GET as getProgress } from '@/app/api/progress/route';
import { DELETE as deleteQuestRoute } from '@/app/api/quests/[id]/route';
import { GET as download } from '@/app/api/v1/sync/download/route';
import { POST as upload } from '@/app/api/v1/sync/upload/route';
import { getBus } from '@/lib/server/platform/changes/bus';
import { getClient } from '@/lib/server/platform/db/client';
import { createQuest } from '@/lib/server/domains/quests/service';
import { addDays, localDay } from '@/lib/shared/days';
import type { ChangeEvent } from '@/lib/shared/events';
import { MAX_PAYLOAD_DEPTH, type SyncDownloadResult, type SyncUploadResult } from '@/lib/shared/schemas/records-sync';
import { call, createTestUser, snapshotDb, versionsOf, type TestUser } from './helpers';

const HOUR = 3600_000;
const SAME_ORIGIN = { origin: 'http://localhost:3000' };

interface Client extends TestUser {
  key: string;
  deviceId: string;
}

/** A user with an API key and a registered device: what a native client has after `configure`. */
async function nativeClient(user?: TestUser): Promise<Client> {
  const owner = user ?? (await createTestUser());
  const keyRes = await call(createKey, '/api/api-keys', { method: 'POST', cookie: owner.cookie, headers: SAME_ORIGIN, body: { label: 'sync test' } });
  const { key } = await keyRes.json();
  const device = await call(registerDevice, '/api/devices', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
    body: { label: 'Test device', platform: 'cli' },
  });
  return { ...owner, key, deviceId: (await device.json()).id };
}

type ChangeIn = { entityType: string; id: string; data: Record<string, unknown> | null; updatedAt: number; deleted: boolean };

const habit = (id: string, updatedAt: number, data: Record<string, unknown> = {}): ChangeIn => ({
  entityType: 'habits',
  id,
  data: { name: 'Stretch', cadence: 'daily', ...data },
  updatedAt,
  deleted: false,
});
const removal = (entityType: string, id: string, updatedAt: number): ChangeIn => ({ entityType, id, data: null, updatedAt, deleted: true });

async function uploadRaw(client: Client, changes: unknown[], extra: Record<string, unknown> = {}): Promise<Response> {
  return call(upload, '/api/v1/sync/upload', {
    method: 'POST',
    headers: { authorization: `Bearer ${client.key}` },
    body: { deviceId: client.deviceId, changes, ...extra },
  });
}

async function uploadOk(client: Client, changes: unknown[]): Promise<SyncUploadResult> {
  const res = await uploadRaw(client, changes);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

async function downloadPage(client: Client, since = 0, limit?: number): Promise<SyncDownloadResult> {
  const res = await call(download, `/api/v1/sync/download?deviceId=${client.deviceId}&since=${since}${limit ? `&limit=${limit}` : ''}`, {
    headers: { authorization: `Bearer ${client.key}` },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

/** Every page from `since` on, as one list, and the final cursor. */
async function downloadAll(client: Client, since = 0, limit?: number): Promise<{ changes: SyncDownloadResult['changes']; cursor: number; pages: number }> {
  const changes: SyncDownloadResult['changes'] = [];
  let cursor = since;
  let pages = 0;
  for (;;) {
    const page = await downloadPage(client, cursor, limit);
    pages += 1;
    changes.push(...page.changes);
    cursor = page.serverCursor;
    if (!page.hasMore) return { changes, cursor, pages };
  }
}

async function row(table: string, id: string) {
  const { rows } = await getClient().execute({ sql: `SELECT * FROM ${table} WHERE id = ?`, args: [id] });
  return rows[0];
}

async function listen(userId: string, run: () => Promise<unknown>): Promise<ChangeEvent[]> {
  const events: ChangeEvent[] = [];
  const unsubscribe = getBus().subscribe(userId, (e) => events.push(e));
  try {
    await run();
  } finally {
    unsubscribe();
  }
  return events;
}

describe('uploading changes', () => {
  it('inserts new records of several types, stamped with the write’s server version and the client’s updatedAt', async () => {
    const client = await nativeClient();
    const t = Date.now() - 1000;
    const [h, b, m] = [randomUUID(), randomUUID(), randomUUID()];
    const result = await uploadOk(client, [
      habit(h, t, { color: '#00aa00' }),
      { entityType: 'books', id: b, data: { title: ' Dune ', totalPages: 412 }, updatedAt: t + 1, deleted: false },
      { entityType: 'mood_entries', id: m, data: { score: 7, recordedAt: t, notes: '' }, updatedAt: t + 2, deleted: false },
    ]);
    expect(result).toEqual({ serverCursor: expect.any(Number), applied: [h, b, m], conflicts: [] });
    expect(await row('habits', h)).toMatchObject({
      user_id: client.id,
      name: 'Stretch',
      cadence: 'daily',
      times_per_week: 7,
      color: '#00aa00',
      updated_at: t,
      created_at: t,
      deleted_at: null,
      server_version: result.serverCursor,
    });
    expect(await row('books', b)).toMatchObject({ title: 'Dune', author: null, total_pages: 412, updated_at: t + 1, server_version: result.serverCursor });
    expect(await row('mood_entries', m)).toMatchObject({ score: 7, activity_ids: '[]', notes: null, updated_at: t + 2 });
  });

  it('applies a newer update and a newer soft delete, keeping the deleted record as a tombstone', async () => {
    const client = await nativeClient();
    const [h, b] = [randomUUID(), randomUUID()];
    const t = Date.now();
    await uploadOk(client, [habit(h, t), { entityType: 'books', id: b, data: { title: 'Dune', totalPages: 412 }, updatedAt: t, deleted: false }]);
    const second = await uploadOk(client, [habit(h, t + 10, { name: 'Stretch twice', cadence: 'weekly', timesPerWeek: 3 }), removal('books', b, t + 20)]);
    expect(second.applied).toEqual([h, b]);
    expect(await row('habits', h)).toMatchObject({
      name: 'Stretch twice',
      cadence: 'weekly',
      times_per_week: 3,
      updated_at: t + 10,
      server_version: second.serverCursor,
    });
    expect(await row('books', b)).toMatchObject({ title: 'Dune', deleted_at: t + 20, updated_at: t + 20, server_version: second.serverCursor });
    const { changes } = await downloadAll(client);
    expect(changes.find((c) => c.id === b)).toEqual({
      entityType: 'books',
      id: b,
      data: null,
      updatedAt: t + 20,
      deleted: true,
      serverVersion: second.serverCursor,
    });
  });

  it('brings a deleted record back when a newer live version arrives', async () => {
    const client = await nativeClient();
    const h = randomUUID();
    const t = Date.now();
    await uploadOk(client, [habit(h, t)]);
    await uploadOk(client, [removal('habits', h, t + 1)]);
    await uploadOk(client, [habit(h, t + 2, { name: 'Back again' })]);
    expect(await row('habits', h)).toMatchObject({ name: 'Back again', deleted_at: null });
  });

  it('acknowledges the delete of a record the server never had without storing anything', async () => {
    const client = await nativeClient();
    const h = randomUUID();
    const before = await versionsOf(client.id, ['_seq']);
    expect(await uploadOk(client, [removal('habits', h, Date.now())])).toEqual({ serverCursor: before._seq, applied: [h], conflicts: [] });
    expect(await row('habits', h)).toBeUndefined();
  });

  it('reports a conflict with the server’s version to a client whose change is older, and keeps the server’s', async () => {
    const phone = await nativeClient();
    const laptop = await nativeClient(phone);
    const h = randomUUID();
    const t = Date.now();
    await uploadOk(phone, [habit(h, t + 100, { name: 'Newer on the phone' })]);
    const result = await uploadOk(laptop, [habit(h, t + 50, { name: 'Older on the laptop' })]);
    expect(result.applied).toEqual([]);
    expect(result.conflicts).toEqual([
      {
        entityType: 'habits',
        id: h,
        server: {
          entityType: 'habits',
          id: h,
          updatedAt: t + 100,
          deleted: false,
          data: { name: 'Newer on the phone', cadence: 'daily', timesPerWeek: 7, color: null, archivedAt: null },
        },
      },
    ]);
    expect(await row('habits', h)).toMatchObject({ name: 'Newer on the phone', updated_at: t + 100 });
  });

  it('breaks an equal-timestamp tie the same way whichever version arrives first: the larger canonical JSON wins', async () => {
    const t = Date.now();
    const finals: unknown[] = [];
    for (const order of [
      ['Apple', 'Banana'],
      ['Banana', 'Apple'],
    ]) {
      const client = await nativeClient();
      const h = randomUUID();
      await uploadOk(client, [habit(h, t, { name: order[0] })]);
      const second = await uploadOk(client, [habit(h, t, { name: order[1] })]);
      expect(second.applied.length + second.conflicts.length).toBe(1);
      finals.push((await row('habits', h)).name);
    }
    expect(finals).toEqual(['Banana', 'Banana']);
  });

  it('lets a delete win an equal-timestamp tie against an edit, in either order', async () => {
    const t = Date.now();
    for (const deleteFirst of [true, false]) {
      const client = await nativeClient();
      const h = randomUUID();
      await uploadOk(client, [habit(h, t - 1)]);
      const edit = habit(h, t, { name: 'Edited' });
      const del = removal('habits', h, t);
      await uploadOk(client, [deleteFirst ? del : edit]);
      await uploadOk(client, [deleteFirst ? edit : del]);
      expect((await row('habits', h)).deleted_at, `delete first: ${deleteFirst}`).toBe(t);
    }
  });

  it('acknowledges a retried upload without writing, bumping a version or publishing a change', async () => {
    const client = await nativeClient();
    const changes = [habit(randomUUID(), Date.now()), removal('habits', randomUUID(), Date.now())];
    const first = await uploadOk(client, changes);
    const versions = await versionsOf(client.id, ['_seq', 'habits', 'progress']);
    const snapshot = await snapshotDb();
    const events = await listen(client.id, async () => {
      const retry = await uploadOk(client, changes);
      expect(retry).toEqual({ serverCursor: first.serverCursor, applied: first.applied, conflicts: [] });
    });
    expect(events).toEqual([]);
    expect(await versionsOf(client.id, ['_seq', 'habits', 'progress'])).toEqual(versions);
    expect(await snapshotDb()).toBe(snapshot);
  });

  it('merges a habit log made offline on two devices for the same day into the server’s, telling the second device its id', async () => {
    const phone = await nativeClient();
    const laptop = await nativeClient(phone);
    const h = randomUUID();
    const t = Date.now();
    await uploadOk(phone, [habit(h, t)]);
    const [fromPhone, fromLaptop] = [randomUUID(), randomUUID()];
    await uploadOk(phone, [{ entityType: 'habit_logs', id: fromPhone, data: { habitId: h, day: '2026-03-18' }, updatedAt: t + 1, deleted: false }]);
    const result = await uploadOk(laptop, [
      { entityType: 'habit_logs', id: fromLaptop, data: { habitId: h, day: '2026-03-18' }, updatedAt: t + 5, deleted: false },
    ]);
    expect(result.applied).toEqual([]);
    expect(result.conflicts).toEqual([
      {
        entityType: 'habit_logs',
        id: fromLaptop,
        server: { entityType: 'habit_logs', id: fromPhone, data: { habitId: h, day: '2026-03-18' }, updatedAt: t + 5, deleted: false },
      },
    ]);
    expect(await row('habit_logs', fromLaptop)).toBeUndefined();
    expect(await row('habit_logs', fromPhone)).toMatchObject({ updated_at: t + 5, deleted_at: null });
  });

  it('stamps every change of one upload with one server version and publishes one ChangeEvent with the union of their scopes', async () => {
    const client = await nativeClient();
    const t = Date.now();
    const events = await listen(client.id, async () => {
      const result = await uploadOk(client, [
        habit(randomUUID(), t),
        { entityType: 'planner_events', id: randomUUID(), data: { title: 'Dentist', startsAt: t, endsAt: t + HOUR }, updatedAt: t, deleted: false },
        { entityType: 'activities', id: randomUUID(), data: { label: 'Walk' }, updatedAt: t, deleted: false },
      ]);
      expect(result.applied).toHaveLength(3);
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ userId: client.id, sourceDeviceId: client.deviceId });
    expect([...events[0].hints.changedScopes].sort()).toEqual(['habits', 'mood', 'planner', 'progress']);
    const versions = new Set((await downloadAll(client)).changes.map((c) => c.serverVersion));
    expect(versions.size).toBe(1);
  });

  it('changes the web GET’s ETag, so a conditional GET of the page answers 200 with the native record', async () => {
    const client = await nativeClient();
    const first = await call(listHabits, '/api/habits', { cookie: client.cookie });
    const etag = first.headers.get('etag')!;
    expect((await call(listHabits, '/api/habits', { cookie: client.cookie, headers: { 'if-none-match': etag } })).status).toBe(304);
    const h = randomUUID();
    await uploadOk(client, [habit(h, Date.now(), { name: 'From the phone' })]);
    const after = await call(listHabits, '/api/habits', { cookie: client.cookie, headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect((await after.json()).habits.map((x: { id: string; name: string }) => [x.id, x.name])).toEqual([[h, 'From the phone']]);
  });
});

describe('rejecting an upload', () => {
  const valid = () => habit(randomUUID(), Date.now());

  it.each([
    ['an unknown entity type', { entityType: 'tasks', id: randomUUID(), data: {}, updatedAt: 1, deleted: false }, /changes\[1\].*entityType/],
    [
      'a data shape that does not match its type',
      { entityType: 'habits', id: randomUUID(), data: { name: 'x', cadence: 'hourly' }, updatedAt: 1, deleted: false },
      /changes\[1\].*habits.*cadence/,
    ],
    [
      'an unknown data field',
      { entityType: 'books', id: randomUUID(), data: { title: 'x', totalPages: 1, total_pages: 1 }, updatedAt: 1, deleted: false },
      /changes\[1\]/,
    ],
    ['missing data on a live change', { entityType: 'books', id: randomUUID(), data: null, updatedAt: 1, deleted: false }, /changes\[1\]/],
    ['a non-UUID id', { entityType: 'habits', id: 'habit-1', data: { name: 'x', cadence: 'daily' }, updatedAt: 1, deleted: false }, /changes\[1\].*id/],
    [
      'a negative updatedAt',
      { entityType: 'habits', id: randomUUID(), data: { name: 'x', cadence: 'daily' }, updatedAt: -5, deleted: false },
      /changes\[1\].*updatedAt/,
    ],
    [
      'a running focus session',
      {
        entityType: 'focus_sessions',
        id: randomUUID(),
        data: { mode: 'focus', plannedMinutes: 25, status: 'running', startedAt: 1 },
        updatedAt: 1,
        deleted: false,
      },
      /changes\[1\].*status/,
    ],
    [
      'a quest with progress over its target',
      { entityType: 'quests', id: randomUUID(), data: { title: 'q', target: 2, progress: 3, xpReward: 1 }, updatedAt: 1, deleted: false },
      /changes\[1\].*progress/,
    ],
  ])('answers 400 naming the change for %s, and applies none of the batch', async (_label, bad, message) => {
    const client = await nativeClient();
    const snapshot = await snapshotDb();
    const res = await uploadRaw(client, [valid(), bad, valid()]);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.message).toMatch(message);
    expect(error.issues[0].path.slice(0, 2)).toEqual(['changes', 1]);
    expect(await snapshotDb()).toBe(snapshot);
  });

  it('answers 400 naming the change for an answer sheet nested 10,000 levels deep (storing it overflowed the stack: 500), and accepts 32 levels', async () => {
    const client = await nativeClient();
    // Raw JSON text: the test must not build (or stringify) the deep value itself.
    const sheet = (depth: number) => `{"q":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    const send = (payload: string) =>
      call(upload, '/api/v1/sync/upload', {
        method: 'POST',
        headers: { authorization: `Bearer ${client.key}`, 'content-type': 'application/json' },
        raw: `{"deviceId":"${client.deviceId}","changes":[{"entityType":"assessments","id":"${randomUUID()}","data":{"kind":"mood-check","payload":${payload},"score":1,"takenAt":1},"updatedAt":1,"deleted":false}]}`,
      });
    const snapshot = await snapshotDb();
    const res = await send(sheet(10_000));
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.message).toMatch(/changes\[0\].*payload: Nest the answer sheet at most 32 levels deep/);
    expect(await snapshotDb()).toBe(snapshot);
    expect((await send(sheet(MAX_PAYLOAD_DEPTH + 1))).status).toBe(400);
    expect((await send(sheet(MAX_PAYLOAD_DEPTH))).status).toBe(200);
  });

  it('answers 400 for the same record twice in one upload', async () => {
    const client = await nativeClient();
    const h = randomUUID();
    const res = await uploadRaw(client, [habit(h, 1), habit(h, 2)]);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/changes\[1\]: repeats changes\[0\]/);
  });

  it('answers 403 naming the change when an id belongs to another account, applies none of the batch and never touches the other row', async () => {
    const [a, b] = [await nativeClient(), await nativeClient()];
    const theirs = randomUUID();
    await uploadOk(b, [habit(theirs, Date.now(), { name: 'B’s habit' })]);
    const snapshot = await snapshotDb();
    const res = await uploadRaw(a, [valid(), habit(theirs, Date.now() + HOUR, { name: 'Hijacked' })]);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/changes\[1\] \(habits/);
    expect(await snapshotDb()).toBe(snapshot);
    expect(await row('habits', theirs)).toMatchObject({ user_id: b.id, name: 'B’s habit' });
  });

  it('answers 409 naming the change when an edit would give a habit log another log’s habit and day, and applies none of the batch', async () => {
    const client = await nativeClient();
    const [h, l1, l2] = [randomUUID(), randomUUID(), randomUUID()];
    const t = Date.now();
    await uploadOk(client, [
      habit(h, t),
      { entityType: 'habit_logs', id: l1, data: { habitId: h, day: '2026-03-17' }, updatedAt: t, deleted: false },
      { entityType: 'habit_logs', id: l2, data: { habitId: h, day: '2026-03-18' }, updatedAt: t, deleted: false },
    ]);
    const snapshot = await snapshotDb();
    const res = await uploadRaw(client, [
      valid(),
      { entityType: 'habit_logs', id: l2, data: { habitId: h, day: '2026-03-17' }, updatedAt: t + 1, deleted: false },
    ]);
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/changes\[1\] \(habit_logs/);
    expect(await snapshotDb()).toBe(snapshot);
  });

  it('answers 413 for more than 500 changes, and accepts exactly 500', async () => {
    const client = await nativeClient();
    const t = Date.now();
    const many = Array.from({ length: 501 }, (_, i) => ({
      entityType: 'activities',
      id: randomUUID(),
      data: { label: `a${i}` },
      updatedAt: t,
      deleted: false,
    }));
    const snapshot = await snapshotDb();
    const res = await uploadRaw(client, many);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
    expect(await snapshotDb()).toBe(snapshot);
    expect((await uploadOk(client, many.slice(0, 500))).applied).toHaveLength(500);
  });

  it('answers 401 without credentials and 400 for a malformed envelope', async () => {
    const client = await nativeClient();
    expect((await call(upload, '/api/v1/sync/upload', { method: 'POST', body: { deviceId: client.deviceId, changes: [] } })).status).toBe(401);
    expect((await uploadRaw(client, 'nope' as unknown as unknown[])).status).toBe(400);
    expect(
      (await call(upload, '/api/v1/sync/upload', { method: 'POST', headers: { authorization: `Bearer ${client.key}` }, body: { changes: [] } })).status,
    ).toBe(400);
  });
});

describe('keeping the domain rules of the web services', () => {
  const book = (id: string, updatedAt: number): ChangeIn => ({ entityType: 'books', id, data: { title: 'Dune', totalPages: 412 }, updatedAt, deleted: false });
  const session = (id: string, bookId: string, updatedAt: number, minutes = 30): ChangeIn => ({
    entityType: 'reading_sessions',
    id,
    data: { bookId, pages: 10, minutes, readAt: updatedAt },
    updatedAt,
    deleted: false,
  });
  const log = (id: string, habitId: string, day: string, updatedAt: number): ChangeIn => ({
    entityType: 'habit_logs',
    id,
    data: { habitId, day },
    updatedAt,
    deleted: false,
  });
  const mood = (id: string, activityIds: string[], updatedAt: number, notes = ''): ChangeIn => ({
    entityType: 'mood_entries',
    id,
    data: { score: 6, activityIds, notes, recordedAt: updatedAt },
    updatedAt,
    deleted: false,
  });
  // Each its own label: two live activities of one user never share one.
  const activity = (id: string, updatedAt: number): ChangeIn => ({
    entityType: 'activities',
    id,
    data: { label: `Walk ${id.slice(0, 8)}` },
    updatedAt,
    deleted: false,
  });

  async function readingMinutes(client: Client): Promise<number> {
    const res = await call(getProgress, '/api/progress', { cookie: client.cookie });
    return (await res.json()).books.readingMinutes;
  }

  it('deletes a book’s reading sessions with it, stamped with the upload’s version: Progress stops counting them and other clients download the tombstones', async () => {
    const client = await nativeClient();
    const t = Date.now() - 60_000;
    const [b, s1, s2, other, otherSession] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await uploadOk(client, [book(b, t), session(s1, b, t, 30), session(s2, b, t + 1, 15), book(other, t), session(otherSession, other, t, 5)]);
    expect(await readingMinutes(client)).toBe(50);
    const { cursor } = await downloadAll(client);

    const deleted = await uploadOk(client, [removal('books', b, t + 1000)]);
    expect(deleted).toEqual({ serverCursor: expect.any(Number), applied: [b], conflicts: [] });
    expect(await readingMinutes(client)).toBe(5);
    for (const id of [s1, s2])
      expect(await row('reading_sessions', id)).toMatchObject({ deleted_at: t + 1000, updated_at: t + 1000, server_version: deleted.serverCursor });
    expect(await row('reading_sessions', otherSession)).toMatchObject({ deleted_at: null });

    const { changes } = await downloadAll(client, cursor);
    expect(changes.map((c) => [c.entityType, c.id, c.deleted, c.serverVersion]).sort()).toEqual(
      [
        ['books', b, true, deleted.serverCursor],
        ['reading_sessions', s1, true, deleted.serverCursor],
        ['reading_sessions', s2, true, deleted.serverCursor],
      ].sort(),
    );
  });

  it('deletes a habit’s logs with it, stamped with the upload’s version, so other clients download the tombstones', async () => {
    const client = await nativeClient();
    const t = Date.now() - 60_000;
    const today = localDay(Date.now(), 'UTC');
    const [h, l1, l2] = [randomUUID(), randomUUID(), randomUUID()];
    await uploadOk(client, [habit(h, t), log(l1, h, today, t), log(l2, h, addDays(today, -1), t)]);
    const { cursor } = await downloadAll(client);
    const deleted = await uploadOk(client, [removal('habits', h, t + 1000)]);
    for (const id of [l1, l2]) expect(await row('habit_logs', id)).toMatchObject({ deleted_at: t + 1000, server_version: deleted.serverCursor });
    const { changes } = await downloadAll(client, cursor);
    expect(
      changes
        .filter((c) => c.entityType === 'habit_logs')
        .map((c) => [c.id, c.deleted])
        .sort(),
    ).toEqual(
      [
        [l1, true],
        [l2, true],
      ].sort(),
    );
  });

  it('gives a cascaded tombstone an updatedAt no older than the child’s, so it wins last-write-wins on every replica', async () => {
    const client = await nativeClient();
    const t = Date.now();
    const [b, s] = [randomUUID(), randomUUID()];
    await uploadOk(client, [book(b, t), session(s, b, t + 5000)]);
    await uploadOk(client, [removal('books', b, t + 1000)]);
    expect(await row('reading_sessions', s)).toMatchObject({ deleted_at: t + 1000, updated_at: t + 5000 });
  });

  it('cascades in either order within one upload, and when the deleted book never reached the server', async () => {
    const client = await nativeClient();
    const t = Date.now();
    const [b1, s1, b3, s3, b2, s2] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await uploadOk(client, [book(b1, t), book(b3, t)]);
    await uploadOk(client, [session(s1, b1, t), removal('books', b1, t + 1), removal('books', b3, t + 1), session(s3, b3, t)]);
    expect(await row('reading_sessions', s1)).toMatchObject({ deleted_at: t + 1 });
    expect(await row('reading_sessions', s3)).toMatchObject({ deleted_at: t });
    // The book was created and deleted offline and never reached the server; its session comes with
    // the book's deletion (alone, it names no book of the caller's: refused, as the web answers 404).
    const result = await uploadOk(client, [session(s2, b2, t), removal('books', b2, t + 1)]);
    expect(result.applied).toEqual([s2, b2]);
    expect(await row('books', b2)).toBeUndefined();
    expect(await row('reading_sessions', s2)).toMatchObject({ deleted_at: t + 1, server_version: result.serverCursor });
    expect(await readingMinutes(client)).toBe(0);
  });

  it('keeps a session of a deleted book deleted when a newer edit or a new session arrives, and reports it as a conflict with the tombstone', async () => {
    const client = await nativeClient();
    const t = Date.now() - 60_000;
    const [b, s, late] = [randomUUID(), randomUUID(), randomUUID()];
    await uploadOk(client, [book(b, t), session(s, b, t)]);
    await uploadOk(client, [removal('books', b, t + 10)]);
    const result = await uploadOk(client, [session(s, b, t + 20, 45), session(late, b, t + 30, 60)]);
    expect(result.applied).toEqual([]);
    expect(result.conflicts).toEqual([
      { entityType: 'reading_sessions', id: s, server: { entityType: 'reading_sessions', id: s, data: null, updatedAt: t + 10, deleted: true } },
      { entityType: 'reading_sessions', id: late, server: { entityType: 'reading_sessions', id: late, data: null, updatedAt: t + 30, deleted: true } },
    ]);
    expect(await row('reading_sessions', late)).toMatchObject({ deleted_at: t + 30, minutes: 60 });
    expect(await readingMinutes(client)).toBe(0);
    // The book brought back by a newer version takes new sessions again.
    await uploadOk(client, [book(b, t + 40)]);
    expect((await uploadOk(client, [session(randomUUID(), b, t + 50, 7)])).conflicts).toEqual([]);
    expect(await readingMinutes(client)).toBe(7);
  });

  it('keeps a log of a deleted habit deleted', async () => {
    const client = await nativeClient();
    const t = Date.now() - 60_000;
    const [h, l] = [randomUUID(), randomUUID()];
    await uploadOk(client, [habit(h, t)]);
    await uploadOk(client, [removal('habits', h, t + 1)]);
    const result = await uploadOk(client, [log(l, h, localDay(t, 'UTC'), t + 2)]);
    expect(result.conflicts).toEqual([expect.objectContaining({ id: l, server: expect.objectContaining({ deleted: true }) })]);
    expect(await row('habit_logs', l)).toMatchObject({ deleted_at: t + 2 });
  });

  it('answers a new log of a deleted habit, for a day whose log the delete already tombstoned, with that tombstone (not a 500)', async () => {
    const client = await nativeClient();
    const t = Date.now() - 60_000;
    const day = localDay(t, 'UTC');
    const [h, l1, l2] = [randomUUID(), randomUUID(), randomUUID()];
    await uploadOk(client, [habit(h, t), log(l1, h, day, t)]);
    await uploadOk(client, [removal('habits', h, t + 1)]);
    // Another device, offline meanwhile, logged the same habit for the same day under its own id.
    const result = await uploadOk(client, [log(l2, h, day, t + 2)]);
    expect(result.applied).toEqual([]);
    expect(result.conflicts).toEqual([{ entityType: 'habit_logs', id: l2, server: expect.objectContaining({ id: l1, deleted: true }) }]);
    expect(await row('habit_logs', l2)).toBeUndefined();
    expect(await row('habit_logs', l1)).toMatchObject({ deleted_at: t + 1 });
  });

  it('answers 400 naming the change for a habit log after today in the user’s own time zone, and accepts their today', async () => {
    // UTC+14: the user's today is often the UTC tomorrow, so the check must use their zone.
    const client = await nativeClient(await createTestUser({ timezone: 'Pacific/Kiritimati' }));
    const t = Date.now();
    const today = localDay(t, 'Pacific/Kiritimati');
    const h = randomUUID();
    await uploadOk(client, [habit(h, t)]);
    const snapshot = await snapshotDb();
    const res = await uploadRaw(client, [habit(randomUUID(), t), log(randomUUID(), h, addDays(today, 1), t)]);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.message).toMatch(new RegExp(`changes\\[1\\]: habit_logs .*day: ${addDays(today, 1)} is after today \\(${today}\\)`));
    expect(error.issues[0].path).toEqual(['changes', 1, 'data', 'day']);
    expect(await snapshotDb()).toBe(snapshot);
    expect((await uploadOk(client, [log(randomUUID(), h, today, t)])).applied).toHaveLength(1);
  });

  it('answers 400 naming the change for a mood entry naming another account’s activity or an unknown one, and applies none of the batch', async () => {
    const [a, b] = [await nativeClient(), await nativeClient()];
    const t = Date.now();
    const theirs = randomUUID();
    await uploadOk(b, [activity(theirs, t)]);
    for (const foreign of [theirs, randomUUID()]) {
      const snapshot = await snapshotDb();
      const res = await uploadRaw(a, [habit(randomUUID(), t), mood(randomUUID(), [foreign], t)]);
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.message).toMatch(new RegExp(`changes\\[1\\]: mood_entries .*activityIds.*${foreign}`));
      expect(error.issues).toEqual([expect.objectContaining({ path: ['changes', 1, 'data', 'activityIds', 0] })]);
      expect(await snapshotDb()).toBe(snapshot);
    }
  });

  it('accepts a mood entry naming the user’s own activity uploaded later in the same batch, and keeps one deleted since on a later edit', async () => {
    const client = await nativeClient();
    const t = Date.now();
    const [walk, run, m] = [randomUUID(), randomUUID(), randomUUID()];
    expect((await uploadOk(client, [mood(m, [walk], t), activity(walk, t + 1), activity(run, t + 1)])).applied).toHaveLength(3);
    const original = mood(m, [walk], t);
    await uploadOk(client, [removal('activities', walk, t + 2)]);
    // A retry of what the server already holds stays a retry, and an edit may keep the deleted activity…
    expect((await uploadOk(client, [original])).applied).toEqual([m]);
    expect((await uploadOk(client, [mood(m, [walk, run], t + 3, 'edited')])).applied).toEqual([m]);
    // …but may not add it back.
    const res = await uploadRaw(client, [mood(randomUUID(), [walk], t + 4)]);
    expect(res.status).toBe(400);
  });
});

describe('checking the device first', () => {
  it('answers 403 for user A’s key on user B’s device whatever the changes hold: bad shapes, too many, or none', async () => {
    const [a, b] = [await nativeClient(), await nativeClient()];
    const bad = { entityType: 'tasks', id: 'x', data: {}, updatedAt: -1, deleted: false };
    const tooMany = Array.from({ length: 501 }, () => bad);
    for (const changes of [[bad], [habit(randomUUID(), 1), habit(randomUUID(), 1)].map((c, i) => (i ? { ...c, id: 'nope' } : c)), tooMany, []]) {
      const res = await call(upload, '/api/v1/sync/upload', {
        method: 'POST',
        headers: { authorization: `Bearer ${a.key}` },
        body: { deviceId: b.deviceId, changes },
      });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
    }
  });
});

describe('downloading changes', () => {
  it('pages through every change in server-version order with hasMore, ending on the current version', async () => {
    const client = await nativeClient();
    const t = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const id = randomUUID();
      ids.push(id);
      await uploadOk(client, [habit(id, t + i, { name: `Habit ${i}` })]);
    }
    const first = await downloadPage(client, 0, 3);
    expect(first.hasMore).toBe(true);
    expect(first.changes.map((c) => c.id)).toEqual(ids.slice(0, 3));
    expect(first.serverCursor).toBe(first.changes[2].serverVersion);
    const second = await downloadPage(client, first.serverCursor, 3);
    expect(second.changes.map((c) => c.id)).toEqual(ids.slice(3, 6));
    const third = await downloadPage(client, second.serverCursor, 3);
    expect(third.changes.map((c) => c.id)).toEqual(ids.slice(6));
    expect(third.hasMore).toBe(false);
    const { _seq } = await versionsOf(client.id, ['_seq']);
    expect(third.serverCursor).toBe(_seq);
    expect(third.latestCursor).toBe(_seq);
    expect(await downloadPage(client, third.serverCursor)).toEqual({ serverCursor: _seq, latestCursor: _seq, changes: [], hasMore: false });
  });

  it('never splits one write across pages: a write larger than the limit comes whole', async () => {
    const client = await nativeClient();
    const t = Date.now();
    await uploadOk(client, [habit(randomUUID(), t)]);
    const batch = Array.from({ length: 5 }, (_, i) => ({ entityType: 'activities', id: randomUUID(), data: { label: `a${i}` }, updatedAt: t, deleted: false }));
    await uploadOk(client, batch);
    await uploadOk(client, [habit(randomUUID(), t)]);
    const first = await downloadPage(client, 0, 2);
    expect(first.changes).toHaveLength(1);
    const second = await downloadPage(client, first.serverCursor, 2);
    expect(second.changes.map((c) => c.id).sort()).toEqual(batch.map((c) => c.id).sort());
    expect(second.hasMore).toBe(true);
    const { changes, pages } = await downloadAll(client, second.serverCursor, 2);
    expect(changes).toHaveLength(1);
    expect(pages).toBe(1);
  });

  it('returns only the caller’s records', async () => {
    const [a, b] = [await nativeClient(), await nativeClient()];
    await uploadOk(a, [habit(randomUUID(), Date.now(), { name: 'A only' })]);
    expect((await downloadAll(b)).changes).toEqual([]);
    expect((await downloadAll(a)).changes).toHaveLength(1);
  });

  it('includes edits made on the web, deletions as tombstones', async () => {
    const client = await nativeClient();
    const quest = await createQuest({ userId: client.id }, { title: 'Read 12 books', target: 12, xpReward: 100 });
    const { changes, cursor } = await downloadAll(client);
    expect(changes).toEqual([
      {
        entityType: 'quests',
        id: quest.id,
        data: { title: 'Read 12 books', description: null, target: 12, progress: 0, xpReward: 100, deadline: null, completedAt: null },
        updatedAt: quest.updatedAt,
        deleted: false,
        serverVersion: expect.any(Number),
      },
    ]);
    const del = await call(deleteQuestRoute, `/api/quests/${quest.id}`, {
      method: 'DELETE',
      cookie: client.cookie,
      headers: SAME_ORIGIN,
      params: { id: quest.id },
    });
    expect(del.status).toBe(200);
    const after = await downloadAll(client, cursor);
    expect(after.changes).toEqual([expect.objectContaining({ entityType: 'quests', id: quest.id, data: null, deleted: true })]);
  });

  it('still delivers every change to a client whose clock is hours behind: the cursor is the server’s version', async () => {
    const client = await nativeClient();
    const skewed = Date.now() - 6 * HOUR;
    await uploadOk(client, [habit(randomUUID(), skewed, { name: 'Skewed 1' })]);
    const { cursor } = await downloadAll(client);
    const web = await createQuest({ userId: client.id }, { title: 'Made on the web', target: 1, xpReward: 1 });
    const other = await nativeClient(client);
    const fromOther = randomUUID();
    await uploadOk(other, [habit(fromOther, skewed - 2 * HOUR, { name: 'Even older clock' })]);
    const { changes } = await downloadAll(client, cursor);
    expect(changes.map((c) => c.id)).toEqual([web.id, fromOther]);
  });

  it('answers 410 for a cursor ahead of the server, and 400 for a limit over 1000', async () => {
    const client = await nativeClient();
    const ahead = await call(download, `/api/v1/sync/download?deviceId=${client.deviceId}&since=999999`, {
      headers: { authorization: `Bearer ${client.key}` },
    });
    expect(ahead.status).toBe(410);
    expect((await ahead.json()).error.code).toBe('cursor_expired');
    const big = await call(download, `/api/v1/sync/download?deviceId=${client.deviceId}&limit=1001`, { headers: { authorization: `Bearer ${client.key}` } });
    expect(big.status).toBe(400);
  });

  it('round-trips every entity type: what is uploaded downloads with the same data', async () => {
    const client = await nativeClient();
    const t = Date.now();
    const [h, b, activity] = [randomUUID(), randomUUID(), randomUUID()];
    const uploads: ChangeIn[] = [
      habit(h, t, { color: '#112233', archivedAt: t }),
      { entityType: 'habit_logs', id: randomUUID(), data: { habitId: h, day: '2026-01-02' }, updatedAt: t, deleted: false },
      { entityType: 'books', id: b, data: { title: 'Dune', author: 'Frank Herbert', totalPages: 412, completedAt: null }, updatedAt: t, deleted: false },
      { entityType: 'reading_sessions', id: randomUUID(), data: { bookId: b, pages: 20, minutes: 30, readAt: t }, updatedAt: t, deleted: false },
      {
        entityType: 'quests',
        id: randomUUID(),
        data: { title: 'q', description: 'd', target: 5, progress: 2, xpReward: 10, deadline: t + HOUR, completedAt: null },
        updatedAt: t,
        deleted: false,
      },
      {
        entityType: 'planner_events',
        id: randomUUID(),
        data: { title: 'e', startsAt: t, endsAt: t + HOUR, allDay: true, notes: 'n', color: '#abcdef' },
        updatedAt: t,
        deleted: false,
      },
      {
        entityType: 'focus_sessions',
        id: randomUUID(),
        data: {
          taskTitle: 'Write',
          mode: 'pomodoro',
          plannedMinutes: 50,
          pomodoro: { focusMinutes: 25, shortBreakMinutes: 5, longBreakMinutes: 15, cyclesBeforeLongBreak: 4 },
          status: 'completed',
          startedAt: t - HOUR,
          pausedAt: null,
          pausedTotalMs: 0,
          endedAt: t,
          focusMs: 50 * 60_000,
          deviceId: client.deviceId,
        },
        updatedAt: t,
        deleted: false,
      },
      { entityType: 'mood_entries', id: randomUUID(), data: { score: 3, activityIds: [activity], notes: 'meh', recordedAt: t }, updatedAt: t, deleted: false },
      // Named by the mood entry above: the entry's check runs once the whole batch is written.
      { entityType: 'activities', id: activity, data: { label: 'Walk', color: null }, updatedAt: t, deleted: false },
      {
        entityType: 'assessments',
        id: randomUUID(),
        data: { kind: 'custom-check', payload: { q1: 2, note: 'free' }, score: 2, takenAt: t },
        updatedAt: t,
        deleted: false,
      },
      {
        entityType: 'schedules',
        id: randomUUID(),
        data: { assessmentKind: 'mood-check', cadence: 'monthly', nextDueAt: t, enabled: false },
        updatedAt: t,
        deleted: false,
      },
    ];
    const result = await uploadOk(client, uploads);
    expect(result.applied).toHaveLength(uploads.length);
    const { changes } = await downloadAll(client);
    const byId = new Map(changes.map((c) => [c.id, c]));
    for (const u of uploads) {
      expect(byId.get(u.id), u.entityType).toMatchObject({ entityType: u.entityType, updatedAt: t, deleted: false, data: expect.objectContaining(u.data) });
    }
    const retry = await uploadOk(client, uploads);
    expect(retry.applied).toHaveLength(uploads.length);
    expect(retry.serverCursor).toBe(result.serverCursor);
  });
});
