import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DELETE as undoLog, POST as log } from '@/app/api/habits/[id]/log/route';
import { GET as list, POST as create } from '@/app/api/habits/route';
import { getBus } from '@/lib/server/platform/changes/bus';
import { getClient } from '@/lib/server/platform/db/client';
import { IDEMPOTENCY_TTL_MS, REPLAYED_HEADER, pruneIdempotencyKeys } from '@/lib/server/platform/http/idempotency';
import type { RouteSchemas } from '@/lib/server/platform/http/route';
import type { ChangeEvent } from '@/lib/shared/events';
import type { HabitList } from '@/lib/shared/schemas/habits';
import { call, createTestUser, snapshotDb, type CallOptions, type TestUser } from './helpers';

type Handler = Parameters<typeof call>[0] & { schemas?: RouteSchemas };

afterEach(() => {
  vi.useRealTimers();
});

const withKey = (key: string, options: CallOptions = {}): CallOptions => ({ ...options, headers: { ...options.headers, 'Idempotency-Key': key } });

const createHabit = (user: TestUser, key: string, name = 'Stretch') =>
  call(create, '/api/habits', withKey(key, { method: 'POST', cookie: user.cookie, body: { name, cadence: 'daily' } }));

async function habitsOf(user: TestUser): Promise<HabitList> {
  return (await call(list, '/api/habits', { cookie: user.cookie })).json();
}

const answer = async (res: Response) => ({ status: res.status, body: await res.text() });

describe('Idempotency-Key', () => {
  it('replays the first answer to a repeat: same status and body, one write, one event', async () => {
    const user = await createTestUser();
    const events: ChangeEvent[] = [];
    const unsubscribe = getBus().subscribe(user.id, (e) => events.push(e));
    try {
      const first = await createHabit(user, 'key-create-0001');
      expect(first.status).toBe(201);
      expect(first.headers.get(REPLAYED_HEADER)).toBeNull();
      const firstAnswer = await answer(first);
      const again = await createHabit(user, 'key-create-0001');
      expect(again.headers.get(REPLAYED_HEADER)).toBe('true');
      expect(again.headers.get('cache-control')).toBe('private, no-cache');
      expect(await answer(again)).toEqual(firstAnswer);
      expect((await habitsOf(user)).habits).toHaveLength(1);
      expect(events).toHaveLength(1);
    } finally {
      unsubscribe();
    }
  });

  it('replays a stored refusal too, and a replay after the state moved on writes nothing', async () => {
    const user = await createTestUser();
    const habit = await (await createHabit(user, 'key-setup-0001')).json();
    const logOnce = () =>
      call(log, `/api/habits/${habit.id}/log`, withKey('key-log-00001', { method: 'POST', cookie: user.cookie, body: {}, params: { id: habit.id } }));
    const logged = await answer(await logOnce());
    expect(logged.status).toBe(200);
    // Undone since: the outbox's late repeat of the log must not log the day again.
    const undo = await call(undoLog, `/api/habits/${habit.id}/log`, { method: 'DELETE', cookie: user.cookie, params: { id: habit.id } });
    expect(undo.status).toBe(200);
    const before = await snapshotDb();
    expect(await answer(await logOnce())).toEqual(logged);
    expect(await snapshotDb()).toBe(before);
    // A refused write's answer is kept as well: the same 404 again, whatever happened since.
    const missing = () =>
      call(undoLog, '/api/habits/no-such-habit/log', withKey('key-missing-01', { method: 'DELETE', cookie: user.cookie, params: { id: 'no-such-habit' } }));
    const refused = await answer(await missing());
    expect(refused.status).toBe(404);
    expect(await answer(await missing())).toEqual(refused);
  });

  it('refuses the same key with another body, path or method (422) and writes nothing', async () => {
    const user = await createTestUser();
    expect((await createHabit(user, 'key-reuse-0001', 'Read')).status).toBe(201);
    const before = await snapshotDb();
    const otherBody = await createHabit(user, 'key-reuse-0001', 'Run');
    expect(otherBody.status).toBe(422);
    expect((await otherBody.json()).error.code).toBe('idempotency_key_reused');
    const otherRoute = await call(undoLog, '/api/habits/x/log', withKey('key-reuse-0001', { method: 'DELETE', cookie: user.cookie, params: { id: 'x' } }));
    expect(otherRoute.status).toBe(422);
    expect(await snapshotDb()).toBe(before);
  });

  it('keeps keys per user: another user’s same key is another key', async () => {
    const [alice, bob] = [await createTestUser(), await createTestUser()];
    const forAlice = await answer(await createHabit(alice, 'key-shared-0001', 'Alice’s'));
    const forBob = await createHabit(bob, 'key-shared-0001', 'Bob’s');
    expect(forBob.status).toBe(201);
    expect(forBob.headers.get(REPLAYED_HEADER)).toBeNull();
    expect((await forBob.json()).name).toBe('Bob’s');
    expect((await habitsOf(alice)).habits.map((h) => h.name)).toEqual(['Alice’s']);
    expect((await habitsOf(bob)).habits.map((h) => h.name)).toEqual(['Bob’s']);
    // And Bob's answer did not overwrite Alice's.
    expect(await answer(await createHabit(alice, 'key-shared-0001', 'Alice’s'))).toEqual(forAlice);
  });

  it('runs concurrent requests with one key once: every caller gets the one answer', async () => {
    const user = await createTestUser();
    const answers = await Promise.all(Array.from({ length: 5 }, () => createHabit(user, 'key-concurrent-1').then(answer)));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0].status).toBe(201);
    expect((await habitsOf(user)).habits).toHaveLength(1);
  });

  it('forgets an answer after 24 hours: the key runs again, and the sweep prunes what expired', async () => {
    const user = await createTestUser();
    expect((await createHabit(user, 'key-expiry-0001')).status).toBe(201);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + IDEMPOTENCY_TTL_MS + 1000);
    const later = await createHabit(user, 'key-expiry-0001');
    expect(later.headers.get(REPLAYED_HEADER)).toBeNull();
    expect((await habitsOf(user)).habits).toHaveLength(2);
    vi.setSystemTime(Date.now() + IDEMPOTENCY_TTL_MS + 1000);
    expect(await pruneIdempotencyKeys()).toBeGreaterThanOrEqual(1);
    const left = await getClient().execute({ sql: 'SELECT count(*) AS n FROM idempotency_keys WHERE user_id = ?', args: [user.id] });
    expect(Number(left.rows[0].n)).toBe(0);
  });

  it.each([
    ['too short', 'short'],
    ['too long', 'k'.repeat(129)],
    ['a space', 'has a space in it'],
    ['a slash', 'key/with/slash'],
  ])('refuses a key with %s (400) before doing anything', async (_label, key) => {
    const user = await createTestUser();
    const before = await snapshotDb();
    const res = await createHabit(user, key);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('Idempotency-Key') });
    expect(await snapshotDb()).toBe(before);
  });
});

// Every mutating route under app/api, found at test time: a new route that does not honour the
// header fails here. A malformed key is refused before parsing, so any body and id will do.
const modules = import.meta.glob<Partial<Record<string, Handler>>>('/app/api/**/route.ts', { eager: true });
const NOT_ROUTE_WRAPPED: Record<string, string> = {
  '/api/auth/[...nextauth]': 'next-auth’s own handler: sign-in and sign-out forms, no principal yet',
  '/api/[...path]': 'no route: a JSON 404 for every /api path no other route has, which changes nothing (decision 074)',
};
const mutating = Object.keys(modules)
  .sort()
  .map((file) => file.replace(/^\/app/, '').replace(/\/route\.ts$/, ''))
  .filter((pattern) => !(pattern in NOT_ROUTE_WRAPPED))
  .flatMap((pattern) =>
    (['POST', 'PUT', 'PATCH', 'DELETE'] as const).flatMap((method) => {
      const handler = modules[`/app${pattern}/route.ts`]?.[method];
      return handler ? [{ name: `${method} ${pattern}`, pattern, method, handler }] : [];
    }),
  );

describe('every mutating route reads Idempotency-Key', () => {
  let admin: TestUser;
  beforeAll(async () => {
    admin = await createTestUser({ role: 'admin' });
  });

  it('finds the routes', () => {
    expect(mutating.length).toBeGreaterThan(40);
  });

  it.each(mutating.map((r) => [r.name, r] as const))('%s', async (_name, { pattern, method, handler }) => {
    if (handler.schemas?.auth === 'public') {
      // Sign-up has no user to keep keys for; it must still not fail on the header.
      expect(pattern).toBe('/api/auth/signup');
      return;
    }
    const path = pattern.replace(/\[\.{0,3}(\w+)\]/g, 'x');
    const params = Object.fromEntries([...pattern.matchAll(/\[\.{0,3}(\w+)\]/g)].map((m) => [m[1], 'x']));
    const res = await call(handler, path, { method, cookie: admin.cookie, headers: { 'Idempotency-Key': 'bad key' }, body: {}, params });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain('Idempotency-Key');
  });
});
