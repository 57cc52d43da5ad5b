import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DELETE as revoke } from '@/app/api/api-keys/[id]/route';
import { GET as listKeys, POST as createKey } from '@/app/api/api-keys/route';
import { GET as listDevices, POST as registerDevice } from '@/app/api/devices/route';
import { GET as listUsers } from '@/app/api/admin/users/route';
import { GET as openEvents } from '@/app/api/events/route';
import { GET as getMe } from '@/app/api/me/route';
import { GET as download } from '@/app/api/v1/sync/download/route';
import { getClient } from '@/lib/server/platform/db/client';
import type { ApiKeyCreated, ApiKeyList } from '@/lib/shared/schemas/native';
import { call, createTestUser, type CallOptions, type TestUser } from './helpers';

const SAME_ORIGIN = { origin: 'http://localhost:3000' };

async function newKey(user: TestUser, label = 'Test key'): Promise<ApiKeyCreated> {
  const res = await call(createKey, '/api/api-keys', { method: 'POST', cookie: user.cookie, headers: SAME_ORIGIN, body: { label } });
  expect(res.status).toBe(201);
  return res.json();
}

const bearer = (key: string): CallOptions => ({ headers: { authorization: `Bearer ${key}` } });

async function status(options: CallOptions, path = '/api/me'): Promise<number> {
  return (await call(getMe, path, options)).status;
}

async function storedKey(id: string) {
  const { rows } = await getClient().execute({ sql: 'SELECT * FROM api_keys WHERE id = ?', args: [id] });
  return rows[0];
}

afterEach(() => {
  vi.useRealTimers();
});

describe('creating and listing API keys', () => {
  it('shows the whole key once, then only its prefix, and stores a SHA-256 hash of the secret, never the secret', async () => {
    const user = await createTestUser();
    const created = await newKey(user, '  MacBook CLI ');
    expect(created.key).toMatch(/^pos_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    const [, id, secret] = /^pos_(\w{12})_(.+)$/.exec(created.key)!;
    expect(created.apiKey).toEqual({ id, label: 'MacBook CLI', prefix: `pos_${id}`, createdAt: expect.any(Number), lastUsedAt: null, revokedAt: null });

    const listed: ApiKeyList = await (await call(listKeys, '/api/api-keys', { cookie: user.cookie })).json();
    expect(listed.apiKeys).toEqual([created.apiKey]);
    expect(JSON.stringify(listed)).not.toContain(secret);

    const row = await storedKey(id);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.secret_hash).toBe(createHash('sha256').update(secret).digest('base64url'));
  });

  it('makes a different key every time, even with the same label', async () => {
    const user = await createTestUser();
    const [a, b] = [await newKey(user, 'same'), await newKey(user, 'same')];
    expect(a.key).not.toBe(b.key);
    expect(a.apiKey.id).not.toBe(b.apiKey.id);
  });

  it('refuses a blank or over-long label', async () => {
    const user = await createTestUser();
    for (const label of ['', '   ', 'x'.repeat(101)]) {
      const res = await call(createKey, '/api/api-keys', { method: 'POST', cookie: user.cookie, headers: SAME_ORIGIN, body: { label } });
      expect(res.status, label).toBe(400);
    }
  });

  it('lists only the caller’s keys', async () => {
    const [a, b] = [await createTestUser(), await createTestUser()];
    await newKey(a, 'of A');
    const listed: ApiKeyList = await (await call(listKeys, '/api/api-keys', { cookie: b.cookie })).json();
    expect(listed.apiKeys).toEqual([]);
  });
});

describe('authenticating with an API key', () => {
  it('resolves a valid key to its user, without a cookie and without an Origin check', async () => {
    const user = await createTestUser();
    const { key } = await newKey(user);
    const me = await call(getMe, '/api/me', bearer(key));
    expect(me.status).toBe(200);
    expect((await me.json()).email).toBe(user.email);
    const device = await call(registerDevice, '/api/devices', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, origin: 'https://evil.example' },
      body: { label: 'Phone', platform: 'ios' },
    });
    expect(device.status).toBe(201);
  });

  it('accepts the scheme name in any case', async () => {
    const user = await createTestUser();
    const { key } = await newKey(user);
    expect(await status({ headers: { authorization: `bearer ${key}` } })).toBe(200);
  });

  it('answers 401 for a revoked key, and revoking again changes nothing', async () => {
    const user = await createTestUser();
    const { key, apiKey } = await newKey(user);
    expect(await status(bearer(key))).toBe(200);
    const res = await call(revoke, `/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie: user.cookie, headers: SAME_ORIGIN, params: { id: apiKey.id } });
    expect(res.status).toBe(200);
    const revoked = await res.json();
    expect(revoked.revokedAt).toEqual(expect.any(Number));
    expect(await status(bearer(key))).toBe(401);
    const again = await call(revoke, `/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie: user.cookie, headers: SAME_ORIGIN, params: { id: apiKey.id } });
    expect((await again.json()).revokedAt).toBe(revoked.revokedAt);
  });

  it('answers 401 for the key of a disabled account', async () => {
    const user = await createTestUser();
    const { key } = await newKey(user);
    await getClient().execute({ sql: 'UPDATE users SET disabled_at = ? WHERE id = ?', args: [Date.now(), user.id] });
    expect(await status(bearer(key))).toBe(401);
  });

  it.each([
    ['a wrong prefix', (k: string) => `Bearer sk_${k.slice(4)}`],
    ['an unknown key id', (k: string) => `Bearer pos_zzzzzzzzzzzz_${k.slice(18)}`],
    ['a wrong secret', (k: string) => `Bearer ${k.slice(0, -4)}AAAA`],
    ['a truncated key', (k: string) => `Bearer ${k.slice(0, -1)}`],
    ['a key with extra characters', (k: string) => `Bearer ${k}x`],
    ['no scheme', (k: string) => k],
    ['the Basic scheme', (k: string) => `Basic ${Buffer.from(`user:${k}`).toString('base64')}`],
    ['an empty Bearer', () => 'Bearer '],
    ['two tokens', (k: string) => `Bearer ${k} ${k}`],
  ])('answers 401 for %s', async (_label, header) => {
    const user = await createTestUser();
    const { key } = await newKey(user);
    expect(await status({ headers: { authorization: header(key) } })).toBe(401);
  });

  it('answers 401 for a bad Authorization header even when a valid session cookie comes along', async () => {
    const user = await createTestUser();
    expect(await status({ cookie: user.cookie })).toBe(200);
    expect(await status({ cookie: user.cookie, headers: { authorization: 'Bearer pos_nonsense' } })).toBe(401);
  });

  it.each([
    ['api_key', (k: string) => `?api_key=${k}`],
    ['key', (k: string) => `?key=${k}`],
    ['token', (k: string) => `?token=${k}`],
    ['any parameter holding a pos_ value', (k: string) => `?deviceId=abc&q=${k}`],
  ])('answers 400 for a key in the query string (%s), even next to a valid header', async (_label, query) => {
    const user = await createTestUser();
    const { key } = await newKey(user);
    for (const options of [{}, bearer(key)]) {
      const res = await call(getMe, `/api/me${query(key)}`, options);
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(/Authorization header/);
    }
  });

  const ROUTES = [
    ['/api/me', getMe],
    ['/api/v1/sync/download', download],
    ['/api/events', openEvents],
    ['/api/devices', listDevices],
  ] as const;

  it.each(ROUTES)('answers 400 on %s for a whole key in any query parameter, with or without a valid header', async (path, handler) => {
    const user = await createTestUser();
    const { key } = await newKey(user);
    for (const query of [
      `?api_key=${key}`,
      `?apiKey=${key}`,
      `?access_token=${key}`,
      `?deviceId=abc&deviceLabel=${key}`,
      `?q=${encodeURIComponent(`Bearer ${key}`)}`,
    ]) {
      for (const options of [{}, bearer(key), { cookie: user.cookie }]) {
        const res = await call(handler, `${path}${query}`, options);
        expect(res.status, `${path}${query}`).toBe(400);
        const { error } = await res.json();
        expect(error.code).toBe('bad_request');
        expect(error.message).toMatch(/Authorization header/);
      }
    }
  });

  it('takes no ordinary value starting with pos_ for a key: a device label, an admin search, a note', async () => {
    const user = await createTestUser();
    const { key } = await newKey(user);
    const events = await call(openEvents, '/api/events?deviceId=terminal-1&deviceLabel=pos_x', bearer(key));
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    await events.body?.cancel();
    expect((await call(getMe, '/api/me?note=pos_&other=pos_abc_def', bearer(key))).status).toBe(200);
    const admin = await createTestUser({ role: 'admin' });
    const search = await call(listUsers, '/api/admin/users?q=pos_foo', { cookie: admin.cookie });
    expect(search.status).toBe(200);
    // A parameter named like a credential holding something shaped like a key is still refused.
    expect((await call(getMe, '/api/me?token=pos_leaked', bearer(key))).status).toBe(400);
  });

  it('records the last use at most once a minute', async () => {
    const user = await createTestUser();
    const { key, apiKey } = await newKey(user);
    const t0 = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(t0);
    await status(bearer(key));
    expect((await storedKey(apiKey.id)).last_used_at).toBe(t0);
    vi.setSystemTime(t0 + 59_000);
    await status(bearer(key));
    expect((await storedKey(apiKey.id)).last_used_at).toBe(t0);
    vi.setSystemTime(t0 + 61_000);
    await status(bearer(key));
    expect((await storedKey(apiKey.id)).last_used_at).toBe(t0 + 61_000);
  });
});

describe('managing keys needs a browser session', () => {
  it('answers 403 when a key tries to list, create or revoke keys', async () => {
    const user = await createTestUser();
    const { key, apiKey } = await newKey(user);
    const keysOf = async () =>
      ((await (await call(listKeys, '/api/api-keys', { cookie: user.cookie })).json()) as ApiKeyList).apiKeys.map((k) => [k.id, k.revokedAt]);
    expect((await call(listKeys, '/api/api-keys', bearer(key))).status).toBe(403);
    expect((await call(listKeys, '/api/api-keys', { headers: { authorization: `Bearer ${key}`, 'if-none-match': '*' } })).status).toBe(403);
    expect((await call(createKey, '/api/api-keys', { method: 'POST', ...bearer(key), body: { label: 'minted' } })).status).toBe(403);
    expect((await call(revoke, `/api/api-keys/${apiKey.id}`, { method: 'DELETE', ...bearer(key), params: { id: apiKey.id } })).status).toBe(403);
    expect(await keysOf()).toEqual([[apiKey.id, null]]);
  });

  it('answers 404 when revoking another user’s key, which keeps working', async () => {
    const [a, b] = [await createTestUser(), await createTestUser()];
    const { key, apiKey } = await newKey(a);
    const res = await call(revoke, `/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie: b.cookie, headers: SAME_ORIGIN, params: { id: apiKey.id } });
    expect(res.status).toBe(404);
    expect(await status(bearer(key))).toBe(200);
  });

  it('refuses a cross-site key creation with a session cookie', async () => {
    const user = await createTestUser();
    const res = await call(createKey, '/api/api-keys', {
      method: 'POST',
      cookie: user.cookie,
      headers: { origin: 'https://evil.example' },
      body: { label: 'x' },
    });
    expect(res.status).toBe(403);
  });

  it('changes the key list’s ETag when a key is created or revoked', async () => {
    // The ETag carries the current minute: the clock must not tick over between the GETs.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const user = await createTestUser();
    const first = await call(listKeys, '/api/api-keys', { cookie: user.cookie });
    const etag = first.headers.get('etag')!;
    expect((await call(listKeys, '/api/api-keys', { cookie: user.cookie, headers: { 'if-none-match': etag } })).status).toBe(304);
    const { apiKey } = await newKey(user);
    const afterCreate = await call(listKeys, '/api/api-keys', { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(afterCreate.status).toBe(200);
    await call(revoke, `/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie: user.cookie, headers: SAME_ORIGIN, params: { id: apiKey.id } });
    expect((await call(listKeys, '/api/api-keys', { cookie: user.cookie, headers: { 'if-none-match': afterCreate.headers.get('etag')! } })).status).toBe(200);
  });
});

describe('devices listing with a key', () => {
  it('serves GET /api/devices to a key holder', async () => {
    const user = await createTestUser();
    const { key } = await newKey(user);
    expect((await call(listDevices, '/api/devices', bearer(key))).status).toBe(200);
  });
});
