import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { writeChange } from '@/lib/server/platform/changes/write';
import { resetConfigForTests } from '@/lib/server/platform/config';
import { getClient } from '@/lib/server/platform/db/client';
import { disableDeviceToken, registerDeviceToken } from '@/lib/server/domains/push-tokens/device-tokens';
import { startPushFanout, type PushFanout } from '@/lib/server/platform/push/fanout';
import type { Scope } from '@/lib/shared/events';
import type { DeviceTokenPlatform } from '@/lib/shared/schemas/device-tokens';
import { createTestUser, type TestUser } from '../helpers';
import { FakeApns, makeApnsKey, TEST_CA, type SeenRequest } from './fake-apns';
import { ManualClock } from './manual-clock';

const KEY_ID = 'KEY1234567';
const TEAM_ID = 'TEAM123456';
const TOPIC = 'com.example.passion';
const WINDOW_MS = 60_000;
const APNS_ENV_VARS = ['APNS_KEY', 'APNS_KEY_ID', 'APNS_TEAM_ID', 'APNS_BUNDLE_ID', 'APNS_ORIGIN'] as const;

const key = makeApnsKey();
let fake: FakeApns;
let clock: ManualClock;
let fanout: PushFanout;

async function tokenFor(user: TestUser, o: { platform?: DeviceTokenPlatform; deviceId?: string } = {}): Promise<string> {
  const token = randomBytes(32).toString('hex');
  await registerDeviceToken({ userId: user.id }, { token, platform: o.platform ?? 'ios', environment: 'prod', deviceId: o.deviceId });
  return token;
}

/** A tasks write through the one path of a change, as the tasks service makes it. */
async function changeTasks(user: TestUser, o: { todayCount?: number; todayCountChanged?: boolean; deviceId?: string; scopes?: [Scope, ...Scope[]] } = {}) {
  await writeChange({ userId: user.id, deviceId: o.deviceId }, o.scopes ?? ['tasks'], async (w) => {
    // A row must change, or the write is no change at all (nothing bumped, nothing published).
    await w.tx.run(sql`update users set updated_at = updated_at + 1 where id = ${user.id}`);
    w.hints.todayCountChanged = o.todayCountChanged ?? true;
    w.hints.todayCount = o.todayCount;
  });
}

const pushesTo = (token: string): SeenRequest[] => fake.requests.filter((r) => r.token === token);
const badges = (token: string) => pushesTo(token).map((r) => JSON.parse(r.body).aps.badge);

async function advance(ms: number) {
  clock.advance(ms);
  await fanout.settled();
}

beforeAll(async () => {
  fake = await FakeApns.start({ publicKey: key.publicKey, keyId: KEY_ID, teamId: TEAM_ID, topics: [TOPIC], now: () => clock.now() });
  Object.assign(process.env, { APNS_KEY: key.pem, APNS_KEY_ID: KEY_ID, APNS_TEAM_ID: TEAM_ID, APNS_BUNDLE_ID: TOPIC, APNS_ORIGIN: fake.origin });
  resetConfigForTests();
});

afterAll(async () => {
  await fake.close();
  for (const name of APNS_ENV_VARS) delete process.env[name];
  resetConfigForTests();
});

beforeEach(() => {
  clock = new ManualClock(Date.now() + WINDOW_MS);
  fake.requests.length = 0;
  fake.reply = () => undefined;
  fanout = startPushFanout({ clock, connectOptions: () => ({ ca: TEST_CA }) })!;
});

afterEach(async () => {
  await fanout.stop();
});

describe('the push fan-out', () => {
  it('pushes a task change at once to every active token of the user, with the minimal hints and the badge, and to nobody else', async () => {
    const [a, b] = [await createTestUser(), await createTestUser()];
    const phone = await tokenFor(a, { platform: 'ios' });
    const mac = await tokenFor(a, { platform: 'macos' });
    const other = await tokenFor(b);
    expect(fake.requests).toHaveLength(0);

    await changeTasks(a, { todayCount: 3 });
    await fanout.settled();

    expect(fake.requests.map((r) => r.token).sort()).toEqual([phone, mac].sort());
    expect(pushesTo(other)).toHaveLength(0);
    for (const req of fake.requests) {
      expect(req.body).toBe('{"aps":{"content-available":1,"badge":3},"scope":"tasks","hints":{"todayCountChanged":true,"changedScopes":["tasks"]}}');
      expect(req.headers).toMatchObject({
        'apns-push-type': 'background',
        'apns-priority': '5',
        'apns-topic': TOPIC,
        'apns-expiration': String(Math.floor(clock.now() / 1000) + 3600),
      });
    }
    const { rows } = await getClient().execute({ sql: 'SELECT last_outcome, push_count FROM device_tokens WHERE user_id = ?', args: [a.id] });
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { last_outcome: 'ok', push_count: 1 },
      { last_outcome: 'ok', push_count: 1 },
    ]);
  });

  it('sends one push per token per 60 s window however many changes happen, the rest merged at the window end', async () => {
    const [a, b] = [await createTestUser(), await createTestUser()];
    const phone = await tokenFor(a, { platform: 'ios' });
    const mac = await tokenFor(a, { platform: 'macos' });
    const other = await tokenFor(b);

    for (let count = 1; count <= 20; count += 1) {
      await changeTasks(a, { todayCount: count });
      await advance(WINDOW_MS / 40);
    }
    await advance(WINDOW_MS - 1 - 20 * (WINDOW_MS / 40));
    expect(badges(phone)).toEqual([1]);
    expect(badges(mac)).toEqual([1]);

    await advance(1);
    expect(badges(phone)).toEqual([1, 20]);
    expect(badges(mac)).toEqual([1, 20]);
    expect(pushesTo(other)).toHaveLength(0);

    await advance(10 * WINDOW_MS);
    expect(fake.requests).toHaveLength(4);
    await changeTasks(a, { todayCount: 21 });
    await fanout.settled();
    expect(badges(phone)).toEqual([1, 20, 21]);
  });

  it('merges the changed scopes of a window and keeps the latest today count as the badge', async () => {
    const user = await createTestUser();
    const phone = await tokenFor(user);
    await changeTasks(user, { todayCount: 1 });
    await changeTasks(user, { scopes: ['tasks', 'plan'], todayCountChanged: false });
    await changeTasks(user, { todayCount: 4 });
    await changeTasks(user, { todayCountChanged: false });
    await advance(WINDOW_MS);
    expect(pushesTo(phone).map((r) => JSON.parse(r.body))).toEqual([
      { aps: { 'content-available': 1, badge: 1 }, scope: 'tasks', hints: { todayCountChanged: true, changedScopes: ['tasks'] } },
      { aps: { 'content-available': 1, badge: 4 }, scope: 'tasks', hints: { todayCountChanged: true, changedScopes: ['tasks', 'plan'] } },
    ]);
  });

  it("wakes no device for a task change that leaves today's count as it was (seed 000, step 4)", async () => {
    const user = await createTestUser();
    const phone = await tokenFor(user);
    await changeTasks(user, { todayCountChanged: false });
    await changeTasks(user, { todayCountChanged: false, scopes: ['tasks', 'plan'] });
    await advance(WINDOW_MS);
    await fanout.settled();
    expect(pushesTo(phone)).toEqual([]);
  });

  it('leaves the badge out when the count moved but the change does not know it', async () => {
    const user = await createTestUser();
    const phone = await tokenFor(user);
    await changeTasks(user, { todayCountChanged: true });
    await fanout.settled();
    expect(pushesTo(phone).map((r) => r.body)).toEqual([
      '{"aps":{"content-available":1},"scope":"tasks","hints":{"todayCountChanged":true,"changedScopes":["tasks"]}}',
    ]);
  });

  it('skips the token of the device the change came from', async () => {
    const user = await createTestUser();
    const phone = await tokenFor(user, { platform: 'ios', deviceId: 'phone-1' });
    const mac = await tokenFor(user, { platform: 'macos', deviceId: 'mac-1' });
    await changeTasks(user, { deviceId: 'phone-1', todayCount: 2 });
    await fanout.settled();
    expect(pushesTo(phone)).toHaveLength(0);
    expect(pushesTo(mac)).toHaveLength(1);
  });

  it('wakes every device, the source included, when a window merged changes from two devices', async () => {
    const user = await createTestUser();
    const phone = await tokenFor(user, { platform: 'ios', deviceId: 'phone-1' });
    const mac = await tokenFor(user, { platform: 'macos', deviceId: 'mac-1' });
    await changeTasks(user, { deviceId: 'web-1', todayCount: 1 });
    await changeTasks(user, { deviceId: 'phone-1', todayCount: 2 });
    await changeTasks(user, { deviceId: 'mac-1', todayCount: 3 });
    await advance(WINDOW_MS);
    expect(badges(phone)).toEqual([1, 3]);
    expect(badges(mac)).toEqual([1, 3]);
  });

  it('pushes nothing to disabled tokens, nor to a token another user took over', async () => {
    const [a, b] = [await createTestUser(), await createTestUser()];
    const disabled = await tokenFor(a);
    const movedAway = await tokenFor(a);
    const kept = await tokenFor(a);
    await disableDeviceToken({ userId: a.id }, disabled);
    await registerDeviceToken({ userId: b.id }, { token: movedAway, platform: 'ios', environment: 'prod' });
    await changeTasks(a, { todayCount: 1 });
    await fanout.settled();
    expect(fake.requests.map((r) => r.token)).toEqual([kept]);
    await changeTasks(b, { todayCount: 7 });
    await fanout.settled();
    expect(badges(movedAway)).toEqual([7]);
  });

  it('ignores changes to scopes that do not wake devices', async () => {
    const user = await createTestUser();
    await tokenFor(user);
    for (const scope of ['habits', 'focus', 'mood', 'devices', 'profile'] as const) await changeTasks(user, { scopes: [scope] });
    await advance(WINDOW_MS);
    expect(fake.requests).toHaveLength(0);
  });

  it('never holds up the write: the change commits and returns while APNs has not answered yet', async () => {
    const user = await createTestUser();
    const phone = await tokenFor(user);
    let answer: () => void = () => undefined;
    fake.reply = () => new Promise((resolve) => (answer = () => resolve({ status: 200 })));
    await changeTasks(user, { todayCount: 5 });
    await vi.waitFor(() => expect(pushesTo(phone)).toHaveLength(1));
    const { rows } = await getClient().execute({ sql: 'SELECT push_count FROM device_tokens WHERE token = ?', args: [phone] });
    expect(rows[0].push_count).toBe(0);
    answer();
    await fanout.settled();
    const after = await getClient().execute({ sql: 'SELECT last_outcome, push_count FROM device_tokens WHERE token = ?', args: [phone] });
    expect({ ...after.rows[0] }).toEqual({ last_outcome: 'ok', push_count: 1 });
  });
});

describe('starting the push fan-out', () => {
  it('returns the running fan-out when started twice', () => {
    expect(startPushFanout()).toBe(fanout);
  });

  it('does nothing when APNs is not configured', async () => {
    await fanout.stop();
    const saved = Object.fromEntries(APNS_ENV_VARS.map((k) => [k, process.env[k]]));
    for (const name of APNS_ENV_VARS) delete process.env[name];
    resetConfigForTests();
    try {
      expect(startPushFanout()).toBeNull();
    } finally {
      Object.assign(process.env, saved);
      resetConfigForTests();
      fanout = startPushFanout({ clock, connectOptions: () => ({ ca: TEST_CA }) })!;
    }
  });

  it('refuses to start with half an APNs configuration', async () => {
    await fanout.stop();
    delete process.env.APNS_TEAM_ID;
    resetConfigForTests();
    try {
      expect(() => startPushFanout()).toThrow(/APNS_TEAM_ID: required when APNs is configured/);
    } finally {
      process.env.APNS_TEAM_ID = TEAM_ID;
      resetConfigForTests();
      fanout = startPushFanout({ clock, connectOptions: () => ({ ca: TEST_CA }) })!;
    }
  });
});
