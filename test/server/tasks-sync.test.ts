import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as bootstrapRoute } from '@/app/api/sync/bootstrap/route';
import { GET as pullRoute } from '@/app/api/sync/pull/route';
import { POST as pushRoute } from '@/app/api/sync/push/route';
import { GET as countsRoute } from '@/app/api/tasks/counts/route';
import { POST as syncRoute } from '@/app/api/tasks/sync/route';
import { getBus } from '@/lib/server/platform/changes/bus';
import { getDb } from '@/lib/server/platform/db/client';
import { syncClients } from '@/lib/server/platform/oplog/schema';
import { compactUser } from '@/lib/server/platform/oplog/compaction';
import { resetConfigForTests } from '@/lib/server/platform/config';
import { TaskDocument, type OpEnvelope } from '@/lib/shared/crdt';
import { localDay } from '@/lib/shared/days';
import type { ChangeEvent } from '@/lib/shared/events';
import { call, createTestUser, snapshotDb, type TestUser } from './helpers';

type Pulled = { ops: (OpEnvelope & { serverSeq: number })[]; serverSeq: number; hasMore: boolean };

function device(): { id: string; doc: TaskDocument } {
  const id = randomUUID();
  return { id, doc: new TaskDocument({ actor: id }) };
}

async function push(user: TestUser, clientId: string, ops: OpEnvelope[]) {
  return call(pushRoute, '/api/sync/push', { method: 'POST', cookie: user.cookie, body: { clientId, ops } });
}

async function pull(user: TestUser, clientId: string, since: number, limit?: number, headers: Record<string, string> = {}) {
  return call(pullRoute, `/api/sync/pull?clientId=${clientId}&since=${since}${limit ? `&limit=${limit}` : ''}`, { cookie: user.cookie, headers });
}

async function pullAll(user: TestUser, clientId: string, since = 0): Promise<Pulled['ops']> {
  const all: Pulled['ops'] = [];
  let cursor = since;
  for (;;) {
    const page = (await (await pull(user, clientId, cursor, 7)).json()) as Pulled;
    all.push(...page.ops);
    cursor = page.serverSeq;
    if (!page.hasMore) return all;
  }
}

function inbox(doc: TaskDocument, n = 3): OpEnvelope[] {
  const list = doc.createList('Inbox');
  const ops: OpEnvelope[] = [list];
  for (let i = 0; i < n; i++) ops.push(doc.addTask(list.payload.listId, { title: `Task ${i}` }));
  return ops;
}

// A small safety buffer so compaction really prunes in these tests.
process.env.OPLOG_SAFETY_BUFFER = '2';
resetConfigForTests();

const unsubscribers: (() => void)[] = [];
afterEach(() => unsubscribers.splice(0).forEach((fn) => fn()));

describe('POST /api/sync/push and GET /api/sync/pull', () => {
  it('stores each op exactly once in arrival order, whatever is resent or reordered', async () => {
    const user = await createTestUser();
    const a = device();
    const batch = inbox(a.doc, 5);
    const first = await (await push(user, a.id, batch)).json();
    expect(first).toMatchObject({ accepted: 6, duplicates: 0 });
    const again = await (await push(user, a.id, batch)).json();
    expect(again).toMatchObject({ accepted: 0, duplicates: 6, serverSeq: first.serverSeq });
    const more = inbox(a.doc, 2);
    const overlapping = await (await push(user, a.id, [...batch.slice(3), ...more.reverse()])).json();
    expect(overlapping).toMatchObject({ accepted: 3, duplicates: 3 });

    const ops = await pullAll(user, a.id);
    expect(ops).toHaveLength(9);
    const seqs = ops.map((o) => o.serverSeq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(ops.map((o) => `${o.actor}/${o.clock}/${o.scope}/${o.resourceId}`)).size).toBe(9);
    // Out-of-order clocks are stored in arrival order, not clock order.
    expect(ops.slice(6).map((o) => o.clock)).toEqual(more.map((o) => o.clock));
    // A batch's ops are numbered by their place in it; the duplicates' numbers stay unused.
    expect(seqs.slice(6)).toEqual([first.serverSeq + 4, first.serverSeq + 5, first.serverSeq + 6]);
    expect(overlapping.serverSeq).toBe(first.serverSeq + 6);
  });

  it('pages with hasMore and an advancing serverSeq, and answers 304 when nothing is new', async () => {
    const user = await createTestUser();
    const a = device();
    await push(user, a.id, inbox(a.doc, 9));
    const page1 = (await (await pull(user, a.id, 0, 4)).json()) as Pulled;
    expect(page1.ops).toHaveLength(4);
    expect(page1.hasMore).toBe(true);
    const page2 = (await (await pull(user, a.id, page1.serverSeq, 4)).json()) as Pulled;
    expect(page2.ops[0].serverSeq).toBeGreaterThan(page1.serverSeq);
    const tail = (await (await pull(user, a.id, page2.serverSeq, 4)).json()) as Pulled;
    expect(tail.hasMore).toBe(false);
    const done = await pull(user, a.id, tail.serverSeq);
    const etag = done.headers.get('etag')!;
    expect((await done.json()).ops).toEqual([]);
    const cached = await pull(user, a.id, tail.serverSeq, undefined, { 'if-none-match': etag });
    expect(cached.status).toBe(304);
    await push(user, a.id, [a.doc.createList('Later')]);
    expect((await pull(user, a.id, tail.serverSeq, undefined, { 'if-none-match': etag })).status).toBe(200);
  });

  it('materialises the same state on a second device that bootstraps', async () => {
    const user = await createTestUser();
    const a = device();
    const ops = inbox(a.doc, 4);
    await push(user, a.id, ops);
    const listId = ops[0].resourceId === 'registry' ? (ops[0].payload as { listId: string }).listId : '';
    await push(user, a.id, [a.doc.setCompleted(listId, (ops[2].payload as { taskId: string }).taskId, true)]);
    const b = device();
    const boot = await (await call(bootstrapRoute, `/api/sync/bootstrap?clientId=${b.id}`, { cookie: user.cookie })).json();
    for (const s of boot.snapshots) b.doc.loadResource(s.scope, s.resourceId, s.state);
    b.doc.applyAll(boot.ops);
    expect(b.doc.toSnapshot()).toBe(a.doc.toSnapshot());
  });

  it('publishes one tasks change per push with the hints, today’s count in the user’s zone', async () => {
    const user = await createTestUser({ timezone: 'Pacific/Kiritimati' });
    const events: ChangeEvent[] = [];
    unsubscribers.push(getBus().subscribe(user.id, (e) => events.push(e)));
    const a = device();
    const list = a.doc.createList('Today');
    const today = localDay(Date.now(), 'Pacific/Kiritimati');
    const due = a.doc.addTask(list.payload.listId, { title: 'Due today', dueDay: today });
    const later = a.doc.addTask(list.payload.listId, { title: 'No date' });
    await call(pushRoute, '/api/sync/push', {
      method: 'POST',
      cookie: user.cookie,
      headers: { 'x-device-id': 'phone' },
      body: { clientId: a.id, ops: [list, due, later] },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ scope: 'tasks', sourceDeviceId: 'phone', hints: { changedScopes: ['tasks'], todayCountChanged: true, todayCount: 1 } });
    expect(new Set(events[0].hints.updatedTaskIds)).toEqual(new Set([due.payload.taskId, later.payload.taskId]));
    await push(user, a.id, [a.doc.editTask(list.payload.listId, later.payload.taskId, { title: 'Renamed' })]);
    expect(events[1].hints.todayCountChanged).toBe(false);
    const counts = await (await call(countsRoute, '/api/tasks/counts', { cookie: user.cookie })).json();
    expect(counts).toEqual({ today: 1, overdue: 0, open: 2 });
  });

  it('POST /api/tasks/sync pushes and pulls in one round trip', async () => {
    const user = await createTestUser();
    const a = device();
    const b = device();
    await push(user, a.id, inbox(a.doc, 2));
    const mine = inbox(b.doc, 1);
    const res = await (await call(syncRoute, '/api/tasks/sync', { method: 'POST', cookie: user.cookie, body: { clientId: b.id, since: 0, ops: mine } })).json();
    expect(res).toMatchObject({ accepted: 2, duplicates: 0, hasMore: false });
    expect(res.ops).toHaveLength(5);
    b.doc.applyAll(res.ops);
    expect(b.doc.lists()).toHaveLength(2);
  });
});

describe('bad input changes nothing', () => {
  it.each([
    [
      'more ops than a push may carry',
      413,
      () =>
        Array.from({ length: 1001 }, (_, i) => ({
          scope: 'registry',
          resourceId: 'registry',
          actor: 'a',
          clock: i + 1,
          payload: { type: 'createList', listId: `l${i}`, name: 'x' },
        })),
    ],
    [
      'one malformed op among good ones',
      400,
      () => [
        { scope: 'registry', resourceId: 'registry', actor: 'a', clock: 1, payload: { type: 'createList', listId: 'l1', name: 'ok' } },
        { scope: 'list', resourceId: 'l1', actor: 'a', clock: 2, payload: { type: 'addTask', taskId: 't', title: '', position: 'a0' } },
      ],
    ],
    ['an unknown op type', 400, () => [{ scope: 'registry', resourceId: 'registry', actor: 'a', clock: 1, payload: { type: 'dropTable' } }]],
    [
      'an implausible clock',
      400,
      () => [{ scope: 'registry', resourceId: 'registry', actor: 'a', clock: 2 ** 52, payload: { type: 'createList', listId: 'l1', name: 'x' } }],
    ],
  ])('%s → %i', async (_label, status, makeOps) => {
    const user = await createTestUser();
    const before = await snapshotDb();
    const res = await call(pushRoute, '/api/sync/push', { method: 'POST', cookie: user.cookie, body: { clientId: 'c1', ops: makeOps() } });
    expect(res.status).toBe(status);
    expect((await res.json()).error.message).toBeTruthy();
    expect(await snapshotDb()).toBe(before);
  });

  it.each([
    ['wrong content type', { raw: '{}', headers: { 'content-type': 'text/plain' } }, 415],
    ['malformed JSON', { raw: '{"clientId":', headers: { 'content-type': 'application/json' } }, 400],
    ['a bad client id', { body: { clientId: 'has spaces', ops: [] } }, 400],
    ['an unknown field', { body: { clientId: 'c', ops: [], extra: 1 } }, 400],
  ])('%s → %i', async (_label, options, status) => {
    const user = await createTestUser();
    const before = await snapshotDb();
    const res = await call(pushRoute, '/api/sync/push', { method: 'POST', cookie: user.cookie, ...options });
    expect(res.status).toBe(status);
    expect(await snapshotDb()).toBe(before);
  });

  it('rejects a pull with a bad cursor', async () => {
    const user = await createTestUser();
    expect((await call(pullRoute, '/api/sync/pull?clientId=c&since=-1', { cookie: user.cookie })).status).toBe(400);
    expect((await call(pullRoute, '/api/sync/pull?since=0', { cookie: user.cookie })).status).toBe(400);
  });
});

describe('isolation between users', () => {
  it('answers 403 to a client id that belongs to another user, on every route', async () => {
    const alice = await createTestUser();
    const bob = await createTestUser();
    const a = device();
    await push(alice, a.id, inbox(a.doc));
    expect((await push(bob, a.id, [])).status).toBe(403);
    expect((await pull(bob, a.id, 0)).status).toBe(403);
    expect((await call(bootstrapRoute, `/api/sync/bootstrap?clientId=${a.id}`, { cookie: bob.cookie })).status).toBe(403);
    expect((await call(syncRoute, '/api/tasks/sync', { method: 'POST', cookie: bob.cookie, body: { clientId: a.id, since: 0, ops: [] } })).status).toBe(403);
  });

  it("never shows one user's ops, snapshots or counts to another", async () => {
    const alice = await createTestUser();
    const bob = await createTestUser();
    const a = device();
    await push(alice, a.id, inbox(a.doc, 4));
    await compactUser(alice.id);
    const b = device();
    expect(await pullAll(bob, b.id)).toEqual([]);
    const boot = await (await call(bootstrapRoute, `/api/sync/bootstrap?clientId=${b.id}`, { cookie: bob.cookie })).json();
    expect(boot).toMatchObject({ snapshots: [], ops: [] });
    expect(await (await call(countsRoute, '/api/tasks/counts', { cookie: bob.cookie })).json()).toEqual({ today: 0, overdue: 0, open: 0 });
  });

  it('needs a session on every route', async () => {
    expect((await call(pushRoute, '/api/sync/push', { method: 'POST', body: { clientId: 'c', ops: [] } })).status).toBe(401);
    expect((await call(pullRoute, '/api/sync/pull?clientId=c&since=0')).status).toBe(401);
    expect((await call(bootstrapRoute, '/api/sync/bootstrap?clientId=c')).status).toBe(401);
    expect((await call(countsRoute, '/api/tasks/counts')).status).toBe(401);
  });
});

describe('a cursor the log cannot serve', () => {
  it('is refused (410) by pull and by sync before anything is written: not even a new client is registered, nor its ops pushed', async () => {
    const user = await createTestUser();
    const a = device();
    expect((await push(user, a.id, inbox(a.doc))).status).toBe(200);
    const before = await snapshotDb();
    const ahead = 1_000_000;
    const stranger = device();
    expect((await pull(user, stranger.id, ahead)).status).toBe(410);
    const sync = await call(syncRoute, '/api/tasks/sync', {
      method: 'POST',
      cookie: user.cookie,
      body: { clientId: stranger.id, since: ahead, ops: inbox(stranger.doc, 1) },
    });
    expect(sync.status).toBe(410);
    expect((await sync.json()).error.code).toBe('cursor_expired');
    expect(await snapshotDb()).toBe(before);
  });
});

describe('compaction', () => {
  it('keeps every live client able to continue and shrinks bootstrap to snapshots', async () => {
    const user = await createTestUser();
    const a = device();
    const b = device();
    const c0 = device();
    const ops = inbox(a.doc, 20);
    const listId = (ops[0].payload as { listId: string }).listId;
    for (const op of ops.slice(1)) ops.push(a.doc.editTask(listId, (op.payload as { taskId: string }).taskId, { title: 'edited' }));
    await push(user, a.id, ops);
    await pull(user, c0.id, 0, 1);
    await getDb()
      .update(syncClients)
      .set({ lastSeenAt: Date.now() - 40 * 86_400_000 })
      .where(eqClient(c0.id));
    // b read half the log before compaction; a has read everything.
    const half = (await (await pull(user, b.id, 0, 20)).json()) as Pulled;
    b.doc.applyAll(half.ops);
    a.doc.applyAll(await pullAll(user, a.id));
    const head = (await (await pull(user, a.id, 0, 5000)).json()).serverSeq;
    expect(head).toBeGreaterThan(half.serverSeq);
    // Pulls record cursors lazily (every 10 s): let that much time pass, then both acknowledge.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 11_000 });
    await pull(user, b.id, half.serverSeq, 1);
    await pull(user, a.id, head, 1);
    vi.useRealTimers();
    const result = await compactUser(user.id);
    expect(result.retired).toBe(1); // c0, idle for 40 days
    expect(result.pruned).toBeGreaterThan(0);
    expect(result.floor).toBe(half.serverSeq - 2);
    // A cursor below the floor is refused (it would miss pruned ops); the retired client too.
    expect((await pull(user, device().id, 1)).status).toBe(410);
    expect((await pull(user, c0.id, head)).status).toBe(410);
    // b continues from its cursor and converges.
    b.doc.applyAll(await pullAll(user, b.id, half.serverSeq));
    expect(b.doc.toSnapshot()).toBe(a.doc.toSnapshot());
    // A fresh device bootstraps from snapshots alone.
    const c = device();
    const boot = await (await call(bootstrapRoute, `/api/sync/bootstrap?clientId=${c.id}`, { cookie: user.cookie })).json();
    expect(boot.ops).toEqual([]);
    for (const s of boot.snapshots) c.doc.loadResource(s.scope, s.resourceId, s.state);
    expect(c.doc.toSnapshot()).toBe(a.doc.toSnapshot());
  });

  it('retires an idle client: its pull gets 410 cursor_expired, and it recovers by re-bootstrap with its outbox intact', async () => {
    const user = await createTestUser();
    const a = device();
    const sleeper = device();
    await push(user, a.id, inbox(a.doc, 2));
    sleeper.doc.applyAll(await pullAll(user, sleeper.id));
    await getDb()
      .update(syncClients)
      .set({ lastSeenAt: Date.now() - 40 * 86_400_000 })
      .where(eqClient(sleeper.id));
    const result = await compactUser(user.id);
    expect(result.retired).toBe(1);

    // Offline edits the sleeper made and has not pushed yet: its outbox.
    const outbox = [sleeper.doc.createList('Written offline')];
    const expired = await pull(user, sleeper.id, 0);
    expect(expired.status).toBe(410);
    expect((await expired.json()).error.code).toBe('cursor_expired');
    expect((await push(user, sleeper.id, outbox)).status).toBe(410);

    const boot = await (await call(bootstrapRoute, `/api/sync/bootstrap?clientId=${sleeper.id}`, { cookie: user.cookie })).json();
    const fresh = new TaskDocument({ actor: sleeper.id });
    for (const s of boot.snapshots) fresh.loadResource(s.scope, s.resourceId, s.state);
    fresh.applyAll([...boot.ops, ...outbox]);
    expect((await push(user, sleeper.id, outbox)).status).toBe(200);
    a.doc.applyAll(await pullAll(user, a.id));
    expect(a.doc.lists().map((l) => l.name)).toContain('Written offline');
    expect(fresh.toSnapshot()).toBe(a.doc.toSnapshot());
  });
});

function eqClient(clientId: string) {
  return eq(syncClients.clientId, clientId);
}
