import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getClient } from '@/lib/server/platform/db/client';
import { ApnsClient } from '@/lib/server/platform/push/apns';
import { disableDeviceToken, listActive, registerDeviceToken } from '@/lib/server/domains/push-tokens/device-tokens';
import type { ActiveDeviceToken } from '@/lib/server/platform/push/tokens';
import { pushMetrics, type PushOutcome } from '@/lib/server/platform/push/metrics';
import { silentPayload, type SilentPayload } from '@/lib/server/platform/push/payload';
import { parseApnsKey } from '@/lib/server/platform/push/provider-token';
import { PushSender } from '@/lib/server/platform/push/sender';
import type { PushEnvironment } from '@/lib/shared/schemas/device-tokens';
import { createTestUser, type TestUser } from '../helpers';
import { FakeApns, makeApnsKey, TEST_CA, type Reply } from './fake-apns';
import { ManualClock } from './manual-clock';

const KEY_ID = 'KEY1234567';
const TEAM_ID = 'TEAM123456';
const TOPIC = 'com.example.passion';
const MIN = 60_000;
const RETRY_MS = MIN;
const BACKOFF_MS = 5 * MIN;

const key = makeApnsKey();
let fake: FakeApns;
let clock: ManualClock;
let client: ApnsClient;
let sender: PushSender;
let user: TestUser;

const payload = (todayCount = 2): SilentPayload => silentPayload('tasks', { changedScopes: ['tasks'], todayCountChanged: true, todayCount });

async function tokenFor(owner: TestUser, environment: PushEnvironment = 'prod'): Promise<ActiveDeviceToken> {
  const token = randomBytes(32).toString('hex');
  await registerDeviceToken({ userId: owner.id }, { token, platform: 'ios', environment });
  return (await listActive(owner.id)).find((t) => t.token === token)!;
}

async function row(target: ActiveDeviceToken) {
  const { rows } = await getClient().execute({ sql: 'SELECT * FROM device_tokens WHERE id = ?', args: [target.id] });
  return rows[0];
}

const requestsTo = (target: ActiveDeviceToken) => fake.requests.filter((r) => r.token === target.token);

/** Replies per device token; the rest get 200. */
function replyFor(replies: Map<string, Reply | ((n: number) => Reply | undefined)>) {
  fake.reply = (req) => {
    const r = replies.get(req.token);
    return typeof r === 'function' ? r(fake.requests.filter((x) => x.token === req.token).length) : r;
  };
}

async function pushTo(targets: ActiveDeviceToken[], body = payload()) {
  await sender.push(user.id, targets, body);
  await sender.settled();
}

async function advance(ms: number) {
  clock.advance(ms);
  await sender.settled();
}

beforeAll(async () => {
  fake = await FakeApns.start({ publicKey: key.publicKey, keyId: KEY_ID, teamId: TEAM_ID, topics: [TOPIC], now: () => clock.now() });
});

afterAll(async () => {
  await fake.close();
});

beforeEach(async () => {
  // A minute ahead of the wall clock: every token a test registers is older than its pushes.
  clock = new ManualClock(Date.now() + MIN);
  fake.requests.length = 0;
  fake.reply = () => undefined;
  client = new ApnsClient({
    key: parseApnsKey(key.pem),
    keyId: KEY_ID,
    teamId: TEAM_ID,
    topics: { dev: TOPIC, prod: TOPIC },
    origin: fake.origin,
    clock,
    connectOptions: () => ({ ca: TEST_CA }),
  });
  sender = new PushSender({ client, clock, retryMs: RETRY_MS, unavailableBackoffMs: BACKOFF_MS });
  user = await createTestUser();
});

afterEach(async () => {
  sender.stop();
  await client.close();
});

describe('an APNs answer drives the token state', () => {
  type Case = [
    answer: string,
    outcome: PushOutcome,
    disabledReason: string | null,
    requests: number,
    error: string | null,
    reply: Reply | ((n: number) => Reply | undefined),
  ];
  const cases: Case[] = [
    ['200', 'ok', null, 1, null, { status: 200 }],
    ['400 BadDeviceToken', 'bad_device_token', 'BadDeviceToken', 1, '400 BadDeviceToken', { status: 400, reason: 'BadDeviceToken' }],
    [
      '400 DeviceTokenNotForTopic',
      'device_token_not_for_topic',
      'DeviceTokenNotForTopic',
      1,
      '400 DeviceTokenNotForTopic',
      { status: 400, reason: 'DeviceTokenNotForTopic' },
    ],
    ['410 Unregistered without a timestamp', 'unregistered', 'Unregistered', 1, '410 Unregistered', { status: 410, reason: 'Unregistered' }],
    [
      '403 ExpiredProviderToken, then 200 after the re-sign',
      'ok',
      null,
      2,
      null,
      (n) => (n === 1 ? { status: 403, reason: 'ExpiredProviderToken' } : undefined),
    ],
    [
      '403 ExpiredProviderToken again after the re-sign',
      'expired_provider_token',
      null,
      2,
      '403 ExpiredProviderToken',
      { status: 403, reason: 'ExpiredProviderToken' },
    ],
    ['400 BadCollapseId (any other refusal)', 'rejected', null, 1, '400 BadCollapseId', { status: 400, reason: 'BadCollapseId' }],
  ];

  it.each(cases)('%s → outcome %s, disabled for %s, %i request(s)', async (_answer, outcome, disabledReason, requests, error, reply) => {
    const target = await tokenFor(user);
    const before = pushMetrics.byOutcome[outcome];
    replyFor(new Map([[target.token, reply]]));
    await pushTo([target]);

    expect(requestsTo(target)).toHaveLength(requests);
    expect(await row(target)).toMatchObject({
      last_outcome: outcome,
      last_error: error,
      last_push_at: clock.now(),
      push_count: 1,
      disabled_reason: disabledReason,
      disabled_at: disabledReason ? clock.now() : null,
    });
    expect(pushMetrics.byOutcome[outcome]).toBe(before + 1);
    expect((await listActive(user.id)).some((t) => t.id === target.id)).toBe(disabledReason === null);
    // Nothing is retried: the answer is final for this change.
    await advance(2 * 60 * MIN);
    expect(requestsTo(target)).toHaveLength(requests);
  });

  it('410 with a timestamp after the registration disables the token', async () => {
    const target = await tokenFor(user);
    replyFor(new Map([[target.token, { status: 410, reason: 'Unregistered', timestamp: target.registeredAt + 1000 }]]));
    await pushTo([target]);
    expect(await row(target)).toMatchObject({ last_outcome: 'unregistered', disabled_reason: 'Unregistered', disabled_at: clock.now() });
  });

  it('410 with a timestamp before the (re-)registration keeps the token active', async () => {
    const target = await tokenFor(user);
    const before = pushMetrics.byOutcome.unregistered_stale;
    replyFor(new Map([[target.token, { status: 410, reason: 'Unregistered', timestamp: target.registeredAt - 1000 }]]));
    await pushTo([target]);
    expect(await row(target)).toMatchObject({ last_outcome: 'unregistered_stale', last_error: '410 Unregistered', disabled_at: null, push_count: 1 });
    expect(pushMetrics.byOutcome.unregistered_stale).toBe(before + 1);
    expect((await listActive(user.id)).map((t) => t.id)).toContain(target.id);
  });

  it('refuses a payload over 4096 bytes without sending it', async () => {
    const target = await tokenFor(user);
    const huge = silentPayload('tasks', { changedScopes: Array.from({ length: 600 }, () => 'tasks' as const) });
    expect(Buffer.byteLength(JSON.stringify(huge))).toBeGreaterThan(4096);
    await pushTo([target], huge);
    expect(fake.requests).toHaveLength(0);
    expect(await row(target)).toMatchObject({ last_outcome: 'payload_too_large', push_count: 0, last_push_at: null, disabled_at: null });
  });
});

describe('429 TooManyRequests', () => {
  it('retries that token after the retry delay, not at once', async () => {
    const target = await tokenFor(user);
    replyFor(new Map([[target.token, (n: number) => (n === 1 ? { status: 429, reason: 'TooManyRequests' } : undefined)]]));
    await pushTo([target]);
    expect(await row(target)).toMatchObject({ last_outcome: 'rate_limited', last_error: '429 TooManyRequests', push_count: 1 });

    await advance(RETRY_MS - 1);
    expect(requestsTo(target)).toHaveLength(1);
    await advance(1);
    expect(requestsTo(target)).toHaveLength(2);
    expect(await row(target)).toMatchObject({ last_outcome: 'ok', last_error: null, push_count: 2, last_push_at: clock.now() });
  });

  it('sends the newest hints once at the retry when more changes arrive while the token waits', async () => {
    const target = await tokenFor(user);
    replyFor(new Map([[target.token, (n: number) => (n === 1 ? { status: 429, reason: 'TooManyRequests' } : undefined)]]));
    await pushTo([target], payload(1));
    await pushTo([target], payload(2));
    await pushTo([target], payload(3));
    expect(requestsTo(target)).toHaveLength(1);
    await advance(RETRY_MS);
    expect(requestsTo(target).map((r) => JSON.parse(r.body).aps.badge)).toEqual([1, 3]);
  });

  it('drops the retry when the token is disabled meanwhile', async () => {
    const target = await tokenFor(user);
    replyFor(new Map([[target.token, { status: 429, reason: 'TooManyRequests' }]]));
    await pushTo([target]);
    await disableDeviceToken({ userId: user.id }, target.token);
    await advance(RETRY_MS);
    expect(requestsTo(target)).toHaveLength(1);
  });
});

describe('500 / 503 from APNs', () => {
  it('pauses the whole environment for minutes, then sends what waited', async () => {
    const failing = await tokenFor(user);
    const sameEnvironment = await tokenFor(user);
    const otherEnvironment = await tokenFor(user, 'dev');
    replyFor(new Map([[failing.token, (n: number) => (n === 1 ? { status: 503, reason: 'ServiceUnavailable' } : undefined)]]));
    await pushTo([failing]);
    expect(await row(failing)).toMatchObject({ last_outcome: 'unavailable', last_error: '503 ServiceUnavailable' });

    const deferred = pushMetrics.deferred;
    await pushTo([sameEnvironment, otherEnvironment]);
    expect(requestsTo(sameEnvironment)).toHaveLength(0);
    expect(requestsTo(otherEnvironment)).toHaveLength(1);
    expect(pushMetrics.deferred).toBe(deferred + 1);

    await advance(BACKOFF_MS - 1);
    expect(fake.requests).toHaveLength(2);
    await advance(1);
    expect(requestsTo(failing)).toHaveLength(2);
    expect(requestsTo(sameEnvironment)).toHaveLength(1);
    expect(await row(failing)).toMatchObject({ last_outcome: 'ok', push_count: 2 });
    expect(await row(sameEnvironment)).toMatchObject({ last_outcome: 'ok', push_count: 1 });
  });

  it('doubles the pause while APNs keeps failing and gives up after four attempts, never in a tight loop', async () => {
    const target = await tokenFor(user);
    fake.reply = () => ({ status: 500, reason: 'InternalServerError' });
    const dropped = pushMetrics.dropped;
    await pushTo([target]);
    const seen: number[] = [];
    for (let minute = 1; minute <= 120; minute += 1) {
      await advance(MIN);
      seen.push(requestsTo(target).length);
    }
    // Attempts at 0, 5, 15 (+10) and 35 (+20) minutes, then nothing.
    expect(seen[4 - 1]).toBe(1);
    expect(seen[5 - 1]).toBe(2);
    expect(seen[14 - 1]).toBe(2);
    expect(seen[15 - 1]).toBe(3);
    expect(seen[34 - 1]).toBe(3);
    expect(seen[35 - 1]).toBe(4);
    expect(seen.at(-1)).toBe(4);
    expect(pushMetrics.dropped).toBe(dropped + 1);
    expect(await row(target)).toMatchObject({ last_outcome: 'unavailable', push_count: 4, disabled_at: null });
  });
});
