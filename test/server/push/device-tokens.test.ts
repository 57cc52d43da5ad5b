import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as ADMIN_GET } from '@/app/api/admin/device-tokens/route';
import { DELETE, GET, POST } from '@/app/api/device-tokens/route';
import { getClient } from '@/lib/server/platform/db/client';
import { listActive, recordPushOutcomes } from '@/lib/server/domains/push-tokens/device-tokens';
import { tokenStateLabel, type AdminDeviceTokenList, type DeviceTokenList, type DeviceTokenView } from '@/lib/shared/schemas/device-tokens';
import { call, createTestUser, snapshotDb, type CallOptions, type TestUser } from '../helpers';

const TOKENS_URL = '/api/device-tokens';
const hex = (bytes = 32) => randomBytes(bytes).toString('hex');

const register = (user: TestUser, body: unknown, options: CallOptions = {}) =>
  call(POST, TOKENS_URL, { method: 'POST', cookie: user.cookie, body, ...options });
const disable = (user: TestUser, body: unknown, options: CallOptions = {}) =>
  call(DELETE, TOKENS_URL, { method: 'DELETE', cookie: user.cookie, body, ...options });

async function listOf(user: TestUser): Promise<DeviceTokenView[]> {
  const res = await call(GET, TOKENS_URL, { cookie: user.cookie });
  expect(res.status).toBe(200);
  return ((await res.json()) as DeviceTokenList).tokens;
}

async function stored(token: string) {
  const { rows } = await getClient().execute({ sql: 'SELECT * FROM device_tokens WHERE token = ?', args: [token] });
  return rows[0];
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect((await res.json()).error.code).toBe(code);
}

describe('registering a device token', () => {
  it('stores it lower-cased for the caller and lists it shortened, active, never pushed', async () => {
    const user = await createTestUser();
    const token = hex().toUpperCase();
    const res = await register(user, { token, platform: 'ios', environment: 'dev' });
    expect(res.status).toBe(200);
    const view: DeviceTokenView = await res.json();
    const lower = token.toLowerCase();
    expect(view).toEqual({
      id: expect.any(String),
      token: `${lower.slice(0, 8)}…${lower.slice(-4)}`,
      platform: 'ios',
      environment: 'dev',
      state: 'active',
      disabledAt: null,
      disabledReason: null,
      registeredAt: expect.any(Number),
      lastPushAt: null,
      lastOutcome: null,
      lastError: null,
      pushCount: 0,
    });
    expect(await stored(lower)).toMatchObject({ user_id: user.id, platform: 'ios', environment: 'dev' });
    expect(await listOf(user)).toEqual([view]);
    expect(JSON.stringify(await listOf(user))).not.toContain(lower);
  });

  it('accepts tokens of 64 to 200 hex digits and takes the environment from APNS_ENV when none is given', async () => {
    const user = await createTestUser();
    for (const bytes of [32, 64, 100]) expect((await register(user, { token: hex(bytes), platform: 'macos' })).status).toBe(200);
    expect((await listOf(user)).map((t) => t.environment)).toEqual(['prod', 'prod', 'prod']);
  });

  it('re-enables a disabled token and renews its registration time', async () => {
    const user = await createTestUser();
    const token = hex();
    await register(user, { token, platform: 'ios', environment: 'prod' });
    const first = Number((await stored(token)).registered_at);
    await disable(user, { token });
    expect((await stored(token)).disabled_at).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again: DeviceTokenView = await (await register(user, { token, platform: 'ios', environment: 'prod' })).json();
    expect(again).toMatchObject({ state: 'active', disabledAt: null, disabledReason: null });
    expect(again.registeredAt).toBeGreaterThan(first);
    expect(await listActive(user.id)).toHaveLength(1);
  });

  it('moves a token another user had to the caller, who alone lists and receives it', async () => {
    const [a, b] = [await createTestUser(), await createTestUser()];
    const token = hex();
    await register(a, { token, platform: 'ios', environment: 'prod' });
    const aEtag = (await call(GET, TOKENS_URL, { cookie: a.cookie })).headers.get('etag')!;

    expect((await register(b, { token, platform: 'macos', environment: 'dev' })).status).toBe(200);
    expect(await listOf(a)).toEqual([]);
    expect((await listOf(b)).map((t) => [t.platform, t.environment])).toEqual([['macos', 'dev']]);
    expect(await listActive(a.id)).toEqual([]);
    expect((await listActive(b.id)).map((t) => t.token)).toEqual([token]);
    // The previous owner's list changed too, so its conditional GET must not answer 304.
    expect((await call(GET, TOKENS_URL, { cookie: a.cookie, headers: { 'if-none-match': aEtag } })).status).toBe(200);
    const { rows } = await getClient().execute({ sql: 'SELECT COUNT(*) AS n FROM device_tokens WHERE token = ?', args: [token] });
    expect(rows[0].n).toBe(1);
  });

  it('links the token to the device id given in the body, else the X-Device-Id header', async () => {
    const user = await createTestUser();
    const [fromBody, fromHeader, none] = [hex(), hex(), hex()];
    await register(user, { token: fromBody, platform: 'ios', deviceId: 'phone-1' });
    await register(user, { token: fromHeader, platform: 'macos' }, { headers: { 'x-device-id': 'mac-1' } });
    await register(user, { token: none, platform: 'ios' });
    const byToken = Object.fromEntries((await listActive(user.id)).map((t) => [t.token, t.deviceId]));
    expect(byToken).toEqual({ [fromBody]: 'phone-1', [fromHeader]: 'mac-1', [none]: null });
  });

  it('answers 401 without a session and stores nothing', async () => {
    const before = await snapshotDb();
    const res = await call(POST, TOKENS_URL, { method: 'POST', body: { token: hex(), platform: 'ios', environment: 'prod' } });
    await expectError(res, 401, 'unauthorized');
    expect(await snapshotDb()).toBe(before);
  });
});

describe('listing device tokens', () => {
  it('answers a repeated GET with 304 until the list changes', async () => {
    const user = await createTestUser();
    await register(user, { token: hex(), platform: 'ios' });
    const first = await call(GET, TOKENS_URL, { cookie: user.cookie });
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect((await call(GET, TOKENS_URL, { cookie: user.cookie, headers: { 'if-none-match': etag } })).status).toBe(304);
    await register(user, { token: hex(), platform: 'macos' });
    expect((await call(GET, TOKENS_URL, { cookie: user.cookie, headers: { 'if-none-match': etag } })).status).toBe(200);
  });

  it('shows a disabled token with its reason and listActive filters by platform', async () => {
    const user = await createTestUser();
    const [phone, mac] = [hex(), hex()];
    await register(user, { token: phone, platform: 'ios' });
    await register(user, { token: mac, platform: 'macos' });
    await disable(user, { token: mac });
    const states = Object.fromEntries((await listOf(user)).map((t) => [t.platform, [t.state, t.disabledReason]]));
    expect(states).toEqual({ ios: ['active', null], macos: ['disabled', 'user'] });
    expect((await listActive(user.id, 'ios')).map((t) => t.token)).toEqual([phone]);
    expect(await listActive(user.id, 'macos')).toEqual([]);
  });
});

describe('disabling a device token', () => {
  it('disables the caller’s own token once, keeping the first time', async () => {
    const user = await createTestUser();
    const token = hex();
    await register(user, { token, platform: 'ios' });
    const res = await disable(user, { token: token.toUpperCase() });
    expect(res.status).toBe(200);
    const view: DeviceTokenView = await res.json();
    expect(view).toMatchObject({ state: 'disabled', disabledReason: 'user', disabledAt: expect.any(Number) });
    const again: DeviceTokenView = await (await disable(user, { token })).json();
    expect(again.disabledAt).toBe(view.disabledAt);
    expect(await listActive(user.id)).toEqual([]);
  });

  it('answers 404 for another user’s token and leaves it untouched', async () => {
    const [a, b] = [await createTestUser(), await createTestUser()];
    const token = hex();
    await register(a, { token, platform: 'ios' });
    const before = await snapshotDb();
    await expectError(await disable(b, { token }), 404, 'not_found');
    await expectError(await disable(b, { token: hex() }), 404, 'not_found');
    expect(await snapshotDb()).toBe(before);
    expect((await listActive(a.id)).map((t) => t.token)).toEqual([token]);
  });
});

describe('bad input changes nothing', () => {
  type Case = [label: string, status: number, code: string, body: unknown, options?: CallOptions];
  const valid = { token: 'ab'.repeat(32), platform: 'ios', environment: 'prod' };
  const registerCases: Case[] = [
    ['a token with non-hex digits', 400, 'validation_failed', { ...valid, token: 'zz'.repeat(32) }],
    ['a token of 62 hex digits', 400, 'validation_failed', { ...valid, token: 'ab'.repeat(31) }],
    ['a token of 65 hex digits (odd)', 400, 'validation_failed', { ...valid, token: `${'ab'.repeat(32)}a` }],
    ['a token of 202 hex digits', 400, 'validation_failed', { ...valid, token: 'ab'.repeat(101) }],
    ['a token with spaces', 400, 'validation_failed', { ...valid, token: `${'ab'.repeat(16)} ${'ab'.repeat(16)}` }],
    ['no token', 400, 'validation_failed', { platform: 'ios', environment: 'prod' }],
    ['an unknown platform', 400, 'validation_failed', { ...valid, platform: 'android' }],
    ['no platform', 400, 'validation_failed', { token: valid.token, environment: 'prod' }],
    ['an unknown environment', 400, 'validation_failed', { ...valid, environment: 'staging' }],
    ['a malformed device id', 400, 'validation_failed', { ...valid, deviceId: 'not a device id!' }],
    ['an unknown field', 400, 'validation_failed', { ...valid, userId: 'someone-else' }],
    ['malformed JSON', 400, 'invalid_json', undefined, { raw: '{"token": ', headers: { 'content-type': 'application/json' } }],
    ['a wrong content type', 415, 'unsupported_media_type', undefined, { raw: JSON.stringify(valid), headers: { 'content-type': 'text/plain' } }],
    [
      'a form body',
      415,
      'unsupported_media_type',
      undefined,
      { raw: new URLSearchParams(valid).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    ],
  ];
  const disableCases: Case[] = [
    ['a token with non-hex digits', 400, 'validation_failed', { token: 'zz'.repeat(32) }],
    ['a token of 62 hex digits', 400, 'validation_failed', { token: 'ab'.repeat(31) }],
    ['no token', 400, 'validation_failed', {}],
    [
      'a wrong content type',
      415,
      'unsupported_media_type',
      undefined,
      { raw: JSON.stringify({ token: valid.token }), headers: { 'content-type': 'text/plain' } },
    ],
  ];

  let user: TestUser;
  beforeAll(async () => {
    user = await createTestUser();
    await register(user, valid);
  });

  it.each(registerCases)('POST with %s → %i %s', async (_label, status, code, body, options = {}) => {
    const before = await snapshotDb();
    await expectError(await register(user, body, options), status, code);
    expect(await snapshotDb()).toBe(before);
  });

  it.each(disableCases)('DELETE with %s → %i %s', async (_label, status, code, body, options = {}) => {
    const before = await snapshotDb();
    await expectError(await disable(user, body, options), status, code);
    expect(await snapshotDb()).toBe(before);
    expect(await listActive(user.id)).toHaveLength(1);
  });
});

describe('GET /api/admin/device-tokens', () => {
  const adminList = (user: TestUser, state?: string) =>
    call(ADMIN_GET, state === undefined ? '/api/admin/device-tokens' : `/api/admin/device-tokens?state=${encodeURIComponent(state)}`, { cookie: user.cookie });

  it("shows an admin every user's tokens with their owner, state, reason and last push, filtered by state", async () => {
    const [admin, alice, bob] = await Promise.all([createTestUser({ role: 'admin' }), createTestUser(), createTestUser()]);
    const [aliceToken, bobToken, goneToken] = [hex(), hex(), hex()];
    await register(alice, { token: aliceToken, platform: 'ios', environment: 'prod' });
    await register(bob, { token: bobToken, platform: 'macos', environment: 'dev' });
    await register(bob, { token: goneToken, platform: 'ios' });
    await disable(bob, { token: goneToken });
    const [active] = await listActive(alice.id);
    await recordPushOutcomes(alice.id, [
      {
        tokenId: active.id,
        outcome: 'Unregistered',
        error: 'Unregistered',
        at: Date.now() + 1000,
        attempted: true,
        disable: { reason: 'Unregistered', registeredBefore: Date.now() + 1000 },
      },
    ]);

    const res = await adminList(admin);
    expect(res.status).toBe(200);
    const all: AdminDeviceTokenList = await res.json();
    const mine = (list: AdminDeviceTokenList) => list.tokens.filter((t) => t.userId === alice.id || t.userId === bob.id);
    expect(mine(all)).toHaveLength(3);
    const aliceRow = all.tokens.find((t) => t.userId === alice.id)!;
    expect(aliceRow).toMatchObject({
      userEmail: alice.email,
      platform: 'ios',
      environment: 'prod',
      state: 'disabled',
      disabledReason: 'Unregistered',
      lastOutcome: 'Unregistered',
      pushCount: 1,
    });
    expect(aliceRow.lastPushAt).toEqual(expect.any(Number));
    expect(tokenStateLabel(aliceRow)).toBe('Disabled (Unregistered)');
    const removed = all.tokens.find((t) => t.token.startsWith(goneToken.slice(0, 8)))!;
    expect(tokenStateLabel(removed)).toBe('Disabled (removed)');
    // The full token never leaves the server, not even for an admin.
    for (const token of [aliceToken, bobToken, goneToken]) expect(JSON.stringify(all)).not.toContain(token);

    const activeOnly: AdminDeviceTokenList = await (await adminList(admin, 'active')).json();
    expect(mine(activeOnly).map((t) => [t.userEmail, t.platform, t.state])).toEqual([[bob.email, 'macos', 'active']]);
    expect(activeOnly.tokens.every((t) => t.state === 'active')).toBe(true);
    const disabledOnly: AdminDeviceTokenList = await (await adminList(admin, 'disabled')).json();
    expect(mine(disabledOnly)).toHaveLength(2);
    expect(disabledOnly.tokens.every((t) => t.state === 'disabled')).toBe(true);
    // The counts are server-wide, whatever the filter.
    expect(disabledOnly.counts).toEqual(all.counts);
    expect(all.counts.active).toBeGreaterThanOrEqual(1);
    expect(all.counts.disabled).toBeGreaterThanOrEqual(2);
  });

  it('answers 403 to a normal user (even one with tokens), 401 without a session, 400 to an unknown state', async () => {
    const [admin, user] = await Promise.all([createTestUser({ role: 'admin' }), createTestUser()]);
    await register(user, { token: hex(), platform: 'ios' });
    await expectError(await adminList(user), 403, 'forbidden');
    expect((await call(ADMIN_GET, '/api/admin/device-tokens')).status).toBe(401);
    await expectError(await adminList(admin, 'broken'), 400, 'validation_failed');
  });
});
