import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as metricsRoute } from '@/app/api/admin/metrics/route';
import { GET as listTermsRoute, POST as publishRoute } from '@/app/api/admin/terms/route';
import { PATCH as patchUserRoute } from '@/app/api/admin/users/[id]/route';
import { GET as listUsersRoute } from '@/app/api/admin/users/route';
import { GET as me } from '@/app/api/me/route';
import { POST as acceptRoute } from '@/app/api/tos/accept/route';
import { GET as tosRoute } from '@/app/api/tos/route';
import { getBus } from '@/lib/server/platform/changes/bus';
import { getClient } from '@/lib/server/platform/db/client';
import { compactUser } from '@/lib/server/platform/oplog/compaction';
import { getHub, resetHubForTests } from '@/lib/server/platform/realtime';
import { pushTasks } from '@/lib/server/domains/tasks/service';
import { acceptTerms, currentTerms, hasAcceptedCurrentTerms } from '@/lib/server/domains/terms/service';
import { verifyCredentials } from '@/lib/server/domains/account/users';
import { TaskDocument } from '@/lib/shared/crdt';
import type { ChangeEvent } from '@/lib/shared/events';
import type { AdminUser, AdminUserList, SyncMetrics, TermsVersionList, TermsVersionView } from '@/lib/shared/schemas/admin';
import { CURRENT_TERMS } from '@/lib/shared/terms';
import { call, createTestUser, snapshotDb, type CallOptions, type TestUser, expectError } from './helpers';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const json = { 'content-type': 'application/json' };

afterEach(() => {
  vi.useRealTimers();
});

async function usersFor(admin: TestUser, q?: string): Promise<AdminUserList> {
  const res = await call(listUsersRoute, q === undefined ? '/api/admin/users' : `/api/admin/users?q=${encodeURIComponent(q)}`, { cookie: admin.cookie });
  expect(res.status).toBe(200);
  return res.json();
}

const patchUser = (admin: TestUser, id: string, body: unknown, options: CallOptions = {}) =>
  call(patchUserRoute, `/api/admin/users/${id}`, { method: 'PATCH', cookie: admin.cookie, params: { id }, body, ...options });

const publish = (admin: TestUser, body: unknown, options: CallOptions = {}) =>
  call(publishRoute, '/api/admin/terms', { method: 'POST', cookie: admin.cookie, body, ...options });

async function storedUser(id: string) {
  const { rows } = await getClient().execute({ sql: 'SELECT role, disabled_at FROM users WHERE id = ?', args: [id] });
  return rows[0];
}

describe('admin routes are for admins only', () => {
  const routes: [label: string, send: (options: CallOptions) => Promise<Response>][] = [
    ['GET /api/admin/users', (o) => call(listUsersRoute, '/api/admin/users', o)],
    [
      'PATCH /api/admin/users/[id]',
      (o) => call(patchUserRoute, `/api/admin/users/${UNKNOWN_ID}`, { method: 'PATCH', params: { id: UNKNOWN_ID }, body: { role: 'admin' }, ...o }),
    ],
    ['GET /api/admin/terms', (o) => call(listTermsRoute, '/api/admin/terms', o)],
    ['POST /api/admin/terms', (o) => call(publishRoute, '/api/admin/terms', { method: 'POST', body: { title: 'T', body: 'B' }, ...o })],
    ['GET /api/admin/metrics', (o) => call(metricsRoute, '/api/admin/metrics', o)],
  ];

  it.each(routes)('%s answers 403 to a signed-in non-admin and 401 to nobody, changing nothing', async (_label, send) => {
    const user = await createTestUser();
    const before = await snapshotDb();
    await expectError(await send({ cookie: user.cookie }), 403, 'forbidden');
    await expectError(await send({}), 401, 'unauthorized');
    expect(await snapshotDb()).toBe(before);
  });

  it('lets a non-admin promote nobody, not even themselves', async () => {
    const user = await createTestUser();
    await expectError(await patchUser(user, user.id, { role: 'admin' }), 403, 'forbidden');
    expect((await storedUser(user.id)).role).toBe('user');
  });
});

describe('GET /api/admin/users', () => {
  it('lists users newest first with their role and state, never their password hash', async () => {
    const admin = await createTestUser({ role: 'admin' });
    const user = await createTestUser({ timezone: 'Europe/Berlin' });
    const list = await usersFor(admin);
    expect(list.total).toBeGreaterThanOrEqual(2);
    expect(list.matched).toBe(list.total);
    expect(list.users.slice(0, 2).map((u) => u.id)).toEqual([user.id, admin.id]);
    expect(list.users[0]).toEqual({
      id: user.id,
      email: user.email,
      name: expect.any(String),
      role: 'user',
      timezone: 'Europe/Berlin',
      disabledAt: null,
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
    });
    expect(JSON.stringify(list)).not.toMatch(/password/i);
  });

  it('searches part of an email or a name, case-insensitively, taking % and _ literally', async () => {
    const admin = await createTestUser({ role: 'admin' });
    const user = await createTestUser();
    const local = user.email.split('@')[0];
    expect((await usersFor(admin, local.slice(2, 9).toUpperCase())).users.map((u) => u.id)).toEqual([user.id]);
    const byName = await usersFor(admin, `user ${local.match(/^user(\d+)/)![1]}`);
    expect(byName.users.map((u) => u.id)).toContain(user.id);
    expect(byName.users.every((u) => u.name.toLowerCase().startsWith('user '))).toBe(true);
    expect(await usersFor(admin, '%')).toMatchObject({ users: [], matched: 0 });
    expect((await usersFor(admin, '_')).users).toEqual([]);
    expect((await usersFor(admin, '   ')).matched).toBe((await usersFor(admin)).total);
  });

  it('pages the list newest first: a page that is cut carries the next cursor and a Link header, and the pages hold every match once', async () => {
    const admin = await createTestUser({ role: 'admin' });
    const created = [await createTestUser(), await createTestUser(), await createTestUser()];
    const q = '@example.test';
    const seen: string[] = [];
    let url: string | null = `/api/admin/users?q=${encodeURIComponent(q)}&limit=2`;
    let pages = 0;
    while (url) {
      const res = await call(listUsersRoute, url, { cookie: admin.cookie });
      expect(res.status).toBe(200);
      const page = (await res.json()) as AdminUserList;
      expect(page.users.length).toBeLessThanOrEqual(2);
      seen.push(...page.users.map((u) => u.id));
      const link = res.headers.get('link');
      expect(Boolean(link)).toBe(page.nextCursor !== undefined);
      const next = link ? new URL(link.match(/<([^>]+)>/)![1], 'http://localhost:3000') : null;
      url = next ? `${next.pathname}${next.search}` : null;
      pages += 1;
    }
    const whole = await usersFor(admin, q);
    expect(pages).toBe(Math.ceil(whole.matched / 2));
    expect(new Set(seen).size).toBe(whole.matched);
    // Newest first: the three just created lead, the newest before the others.
    expect(seen.slice(0, 3)).toEqual(created.map((u) => u.id).reverse());
    expect(seen).toContain(admin.id);
  });

  it('carries an ETag like every authenticated GET: 304 while the list is unchanged, 200 with a new one after a sign-up', async () => {
    const admin = await createTestUser({ role: 'admin' });
    const first = await call(listUsersRoute, '/api/admin/users', { cookie: admin.cookie });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const again = await call(listUsersRoute, '/api/admin/users', { cookie: admin.cookie, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);

    await createTestUser();
    const changed = await call(listUsersRoute, '/api/admin/users', { cookie: admin.cookie, headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);

    // Another admin's ETag for the same list never matches: the hash includes the user.
    const other = await createTestUser({ role: 'admin' });
    const theirs = (await call(listUsersRoute, '/api/admin/users', { cookie: other.cookie })).headers.get('etag')!;
    expect((await call(listUsersRoute, '/api/admin/users', { cookie: admin.cookie, headers: { 'if-none-match': theirs } })).status).toBe(200);
  });

  it('answers 400 to a search over 200 characters', async () => {
    const admin = await createTestUser({ role: 'admin' });
    await expectError(await call(listUsersRoute, `/api/admin/users?q=${'x'.repeat(201)}`, { cookie: admin.cookie }), 400, 'validation_failed');
  });
});

describe('PATCH /api/admin/users/[id]', () => {
  it("promotes and demotes a user, changing the user's profile scope and nudging their devices", async () => {
    const admin = await createTestUser({ role: 'admin' });
    const user = await createTestUser();
    const etag = (await call(me, '/api/me', { cookie: user.cookie })).headers.get('etag')!;
    const events: ChangeEvent[] = [];
    const unsubscribe = getBus().subscribe(user.id, (e) => events.push(e));
    try {
      const promoted = await patchUser(admin, user.id, { role: 'admin' }, { headers: { 'x-device-id': 'admin-tab' } });
      expect(promoted.status).toBe(200);
      expect(await promoted.json()).toMatchObject({ id: user.id, role: 'admin', disabledAt: null });
      expect((await storedUser(user.id)).role).toBe('admin');
      expect(events).toEqual([expect.objectContaining({ userId: user.id, scope: 'profile', sourceDeviceId: null })]);
      expect((await call(me, '/api/me', { cookie: user.cookie, headers: { 'if-none-match': etag } })).status).toBe(200);

      expect(await (await patchUser(admin, user.id, { role: 'user' })).json()).toMatchObject({ role: 'user' });
      expect((await storedUser(user.id)).role).toBe('user');
    } finally {
      unsubscribe();
    }
  });

  it('disables an account so it cannot sign in, and enables it again', async () => {
    const admin = await createTestUser({ role: 'admin' });
    const user = await createTestUser();
    const disabled: AdminUser = await (await patchUser(admin, user.id, { disabled: true })).json();
    expect(disabled.disabledAt).toEqual(expect.any(Number));
    expect(await verifyCredentials(user.email, user.password)).toBeNull();
    // A session signed in before stops at once, not when its JWT expires.
    await expectError(await call(me, '/api/me', { cookie: user.cookie }), 401, 'unauthorized');

    const again: AdminUser = await (await patchUser(admin, user.id, { disabled: true })).json();
    expect(again.disabledAt).toBe(disabled.disabledAt);

    const enabled: AdminUser = await (await patchUser(admin, user.id, { disabled: false, role: 'admin' })).json();
    expect(enabled).toMatchObject({ disabledAt: null, role: 'admin' });
    expect((await verifyCredentials(user.email, user.password))?.id).toBe(user.id);
    // The same session acts again, with its new role at once.
    expect(await (await call(me, '/api/me', { cookie: user.cookie })).json()).toMatchObject({ id: user.id, role: 'admin' });
  });

  it('answers 409 to an admin changing their own role or disabling themselves, changing nothing', async () => {
    const admin = await createTestUser({ role: 'admin' });
    const before = await snapshotDb();
    await expectError(await patchUser(admin, admin.id, { role: 'user' }), 409, 'conflict');
    await expectError(await patchUser(admin, admin.id, { disabled: true }), 409, 'conflict');
    expect(await snapshotDb()).toBe(before);
  });

  describe('rejects bad input and changes nothing', () => {
    let admin: TestUser;
    let user: TestUser;
    beforeAll(async () => {
      admin = await createTestUser({ role: 'admin' });
      user = await createTestUser();
    });

    const cases: [label: string, status: number, code: string, options: CallOptions][] = [
      ['wrong content type', 415, 'unsupported_media_type', { raw: '{"role":"admin"}', headers: { 'content-type': 'text/plain' } }],
      ['malformed JSON', 400, 'invalid_json', { raw: '{"role": ', headers: json }],
      ['a body over 1 MiB', 413, 'payload_too_large', { raw: JSON.stringify({ role: 'admin', pad: 'x'.repeat(1024 * 1024 + 10) }), headers: json }],
      ['an unknown role', 400, 'validation_failed', { body: { role: 'root' } }],
      ['disabled as text', 400, 'validation_failed', { body: { disabled: 'yes' } }],
      ['an empty change', 400, 'validation_failed', { body: {} }],
      ['an unknown field', 400, 'validation_failed', { body: { role: 'admin', email: 'x@example.test' } }],
    ];

    it.each(cases)('%s → %i %s', async (_label, status, code, options) => {
      const before = await snapshotDb();
      await expectError(
        await call(patchUserRoute, `/api/admin/users/${user.id}`, { method: 'PATCH', cookie: admin.cookie, params: { id: user.id }, ...options }),
        status,
        code,
      );
      expect(await snapshotDb()).toBe(before);
    });

    it.each([
      ['an unknown id', UNKNOWN_ID],
      ['a malformed id', 'nobody'],
    ])('answers 404 to %s', async (_label, id) => {
      const before = await snapshotDb();
      await expectError(await patchUser(admin, id, { role: 'admin' }), 404, 'not_found');
      expect(await snapshotDb()).toBe(before);
    });
  });
});

describe('terms versions', () => {
  it('publishing a new version makes every user accept again before hasAcceptedCurrentTerms is true', async () => {
    const admin = await createTestUser({ role: 'admin' });
    const user = await createTestUser();
    const start = await currentTerms();
    await acceptTerms({ userId: user.id }, start.version);
    expect(await hasAcceptedCurrentTerms(user.id)).toBe(true);

    const res = await publish(admin, { title: '  Terms, revised  ', body: 'New rules.\n\nRead them.' });
    expect(res.status).toBe(201);
    const published: TermsVersionView = await res.json();
    expect(published).toEqual({
      version: start.version + 1,
      title: 'Terms, revised',
      body: 'New rules.\n\nRead them.',
      publishedAt: expect.any(Number),
      publishedBy: admin.id,
    });
    expect(await currentTerms()).toEqual({ version: published.version, title: published.title, body: published.body });

    expect(await hasAcceptedCurrentTerms(user.id)).toBe(false);
    expect(await (await call(tosRoute, '/api/tos', { cookie: user.cookie })).json()).toEqual({
      terms: { version: published.version, title: 'Terms, revised', body: 'New rules.\n\nRead them.' },
      accepted: false,
    });

    const stale = await snapshotDb();
    await expectError(
      await call(acceptRoute, '/api/tos/accept', { method: 'POST', cookie: user.cookie, body: { version: start.version } }),
      400,
      'bad_request',
    );
    expect(await snapshotDb()).toBe(stale);
    expect(await hasAcceptedCurrentTerms(user.id)).toBe(false);

    expect((await call(acceptRoute, '/api/tos/accept', { method: 'POST', cookie: user.cookie, body: { version: published.version } })).status).toBe(200);
    expect(await hasAcceptedCurrentTerms(user.id)).toBe(true);
    expect((await (await call(tosRoute, '/api/tos', { cookie: user.cookie })).json()).accepted).toBe(true);
  });

  it('lists published versions newest first, the built-in version last, and the newest as current', async () => {
    const admin = await createTestUser({ role: 'admin' });
    const first: TermsVersionView = await (await publish(admin, { title: 'First', body: 'One' })).json();
    const second: TermsVersionView = await (await publish(admin, { title: 'Second', body: 'Two' })).json();
    expect(second.version).toBe(first.version + 1);
    const res = await call(listTermsRoute, '/api/admin/terms', { cookie: admin.cookie });
    expect(res.status).toBe(200);
    const list: TermsVersionList = await res.json();
    expect(list.current).toEqual(second);
    expect(list.versions.slice(0, 2)).toEqual([second, first]);
    expect(list.versions.at(-1)).toEqual({ ...CURRENT_TERMS, publishedAt: null, publishedBy: null });
    expect(list.versions.map((v) => v.version)).toEqual([...list.versions.map((v) => v.version)].sort((a, b) => b - a));
  });

  describe('POST /api/admin/terms rejects bad input and changes nothing', () => {
    let admin: TestUser;
    beforeAll(async () => {
      admin = await createTestUser({ role: 'admin' });
    });

    const cases: [label: string, status: number, code: string, options: CallOptions][] = [
      ['wrong content type', 415, 'unsupported_media_type', { raw: '{"title":"T","body":"B"}', headers: { 'content-type': 'text/plain' } }],
      ['malformed JSON', 400, 'invalid_json', { raw: '{"title": ', headers: json }],
      ['a body over 1 MiB', 413, 'payload_too_large', { raw: JSON.stringify({ title: 'T', body: 'x'.repeat(1024 * 1024 + 10) }), headers: json }],
      ['a blank title', 400, 'validation_failed', { body: { title: '   ', body: 'B' } }],
      ['no body text', 400, 'validation_failed', { body: { title: 'T' } }],
      ['terms over 50,000 characters', 400, 'validation_failed', { body: { title: 'T', body: 'x'.repeat(50_001) } }],
      ['a chosen version number', 400, 'validation_failed', { body: { title: 'T', body: 'B', version: 99 } }],
    ];

    it.each(cases)('%s → %i %s', async (_label, status, code, options) => {
      const before = await snapshotDb();
      await expectError(await publish(admin, undefined, options), status, code);
      expect(await snapshotDb()).toBe(before);
    });
  });

  it('GET /api/tos answers 200, then 304 for the same ETag, then 200 after the caller accepts', async () => {
    const admin = await createTestUser({ role: 'admin' });
    const user = await createTestUser();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now());
    await publish(admin, { title: 'Conditional', body: 'Terms' });
    const first = await call(tosRoute, '/api/tos', { cookie: user.cookie });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect((await call(tosRoute, '/api/tos', { cookie: user.cookie, headers: { 'if-none-match': etag } })).status).toBe(304);
    const { terms } = await first.json();
    await call(acceptRoute, '/api/tos/accept', { method: 'POST', cookie: user.cookie, body: { version: terms.version } });
    const after = await call(tosRoute, '/api/tos', { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect((await after.json()).accepted).toBe(true);
  });
});

describe('GET /api/admin/metrics', () => {
  it("reports this node's SSE connections and compactions, the op-log size and the users", async () => {
    resetHubForTests();
    const admin = await createTestUser({ role: 'admin' });
    const metrics = async (): Promise<SyncMetrics> => {
      const res = await call(metricsRoute, '/api/admin/metrics', { cookie: admin.cookie });
      expect(res.status).toBe(200);
      return res.json();
    };
    const before = await metrics();
    expect(before.sseConnections).toBe(0);

    const user = await createTestUser();
    const doc = new TaskDocument({ actor: randomUUID() });
    const list = doc.createList('Inbox');
    await pushTasks({ userId: user.id }, { clientId: randomUUID(), ops: [list, doc.addTask(list.payload.listId, { title: 'One' })] });
    const sink = { write: () => true, close: () => {} };
    getHub().connect({ userId: user.id, deviceId: 'web-1', label: 'Chrome', sessionId: null, expiresAt: null, lastEventId: null, sink });
    getHub().connect({ userId: admin.id, deviceId: 'web-2', label: 'Firefox', sessionId: null, expiresAt: null, lastEventId: null, sink });
    await compactUser(user.id);
    await call(patchUserRoute, `/api/admin/users/${user.id}`, { method: 'PATCH', cookie: admin.cookie, params: { id: user.id }, body: { disabled: true } });

    const after = await metrics();
    // The disabled user's stream was closed with the account; the admin's stays.
    expect(after.sseConnections).toBe(1);
    expect(after.opLog.ops).toBeLessThanOrEqual(before.opLog.ops + 2);
    expect(after.compaction.runs).toBe(before.compaction.runs + 1);
    expect(after.users).toEqual({ total: before.users.total + 1, admins: before.users.admins, disabled: before.users.disabled + 1 });
    const { rows } = await getClient().execute('SELECT count(*) AS n FROM ops');
    expect(after.opLog.ops).toBe(Number(rows[0].n));
    resetHubForTests();
  });
});
