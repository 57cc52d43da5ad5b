import { randomBytes, verify } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApnsClient, ApnsRequestError, type ApnsClientOptions, type ApnsNotification } from '@/lib/server/platform/push/apns';
import { parseApnsKey } from '@/lib/server/platform/push/provider-token';
import { FakeApns, makeApnsKey, TEST_CA } from './fake-apns';
import { ManualClock } from './manual-clock';

const KEY_ID = 'KEY1234567';
const TEAM_ID = 'TEAM123456';
const TOPICS = { dev: 'com.example.passion.dev', prod: 'com.example.passion' };
const MIN = 60_000;

const key = makeApnsKey();
let fake: FakeApns;
let clock: ManualClock;
/** How far Apple's clock is ahead of ours. */
let skewMs = 0;
let client: ApnsClient;

const newClient = (o: Partial<ApnsClientOptions> = {}) =>
  new ApnsClient({
    key: parseApnsKey(key.pem),
    keyId: KEY_ID,
    teamId: TEAM_ID,
    topics: TOPICS,
    origin: fake.origin,
    clock,
    connectOptions: () => ({ ca: TEST_CA }),
    reconnect: { minMs: 10, maxMs: 100 },
    ...o,
  });

const deviceToken = () => randomBytes(32).toString('hex');
const push = (o: Partial<ApnsNotification> = {}): ApnsNotification => ({
  token: deviceToken(),
  environment: 'prod',
  payload: '{"aps":{"content-available":1}}',
  expiration: Math.floor(clock.now() / 1000) + 3600,
  ...o,
});

beforeAll(async () => {
  fake = await FakeApns.start({ publicKey: key.publicKey, keyId: KEY_ID, teamId: TEAM_ID, topics: Object.values(TOPICS), now: () => clock.now() + skewMs });
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  clock = new ManualClock(Date.now());
  skewMs = 0;
  fake.requests.length = 0;
  fake.reply = () => undefined;
  client = newClient();
});

afterEach(async () => {
  await client.close();
});

describe('the provider token', () => {
  it('is an ES256 JWT that verifies with the team key, with kid, iss and the current iat', async () => {
    expect((await client.send(push())).status).toBe(200);
    const [req] = fake.requests;
    expect(req.jwt!.header).toEqual({ alg: 'ES256', kid: KEY_ID });
    expect(req.jwt!.claims).toEqual({ iss: TEAM_ID, iat: Math.floor(clock.now() / 1000) });
    const [head, claims, signature] = req.jwt!.raw.split('.');
    expect(verify('sha256', Buffer.from(`${head}.${claims}`), { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))).toBe(
      true,
    );
    expect(req.headers.authorization).toBe(`bearer ${req.jwt!.raw}`);
  });

  it('is reused for 20 minutes and re-signed once after, however many pushes go out', async () => {
    await Promise.all(Array.from({ length: 10 }, () => client.send(push())));
    clock.advance(20 * MIN - 1000);
    await Promise.all(Array.from({ length: 10 }, () => client.send(push())));
    expect(fake.jwts()).toHaveLength(1);
    clock.advance(1000);
    const answers = await Promise.all(Array.from({ length: 30 }, () => client.send(push())));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(fake.jwts()).toHaveLength(2);
    expect(client.providerToken.signed).toBe(2);
    expect(fake.requests.at(-1)!.jwt!.claims.iat).toBe(Math.floor(clock.now() / 1000));
  });

  it('is re-signed once and the push resent when APNs answers ExpiredProviderToken', async () => {
    expect((await client.send(push())).status).toBe(200);
    clock.advance(5 * MIN);
    let refused = false;
    fake.reply = () => (refused ? undefined : ((refused = true), { status: 403, reason: 'ExpiredProviderToken' }));
    const target = push();
    const answer = await client.send(target);
    expect(answer.status).toBe(200);
    expect(fake.requests.map((r) => r.token)).toEqual([expect.any(String), target.token, target.token]);
    expect(fake.jwts()).toHaveLength(2);
    expect(fake.requests[2].jwt!.claims.iat).toBe(Math.floor(clock.now() / 1000));
  });

  it('is re-signed at most once per 20 minutes when a burst of pushes is refused as expired', async () => {
    skewMs = 2 * 60 * MIN; // Apple's clock two hours ahead: every token we sign looks expired.
    const first = await Promise.all(Array.from({ length: 25 }, () => client.send(push())));
    expect(first.every((a) => a.status === 403 && a.reason === 'ExpiredProviderToken')).toBe(true);
    expect(client.providerToken.signed).toBe(2);
    expect(fake.requests).toHaveLength(50);

    clock.advance(10 * MIN);
    fake.requests.length = 0;
    const second = await Promise.all(Array.from({ length: 25 }, () => client.send(push())));
    expect(second.every((a) => a.reason === 'ExpiredProviderToken')).toBe(true);
    expect(client.providerToken.signed).toBe(2);
    expect(fake.requests).toHaveLength(25);

    skewMs = 0;
    clock.advance(10 * MIN - 1000);
    expect((await client.send(push())).status).toBe(200);
    expect(client.providerToken.signed).toBe(2);
    clock.advance(1000);
    expect((await client.send(push())).status).toBe(200);
    expect(client.providerToken.signed).toBe(3);
  });
});

describe('a silent push request', () => {
  it('is a background POST at priority 5 to /3/device/<token> with the topic of its environment and a one-hour expiration', async () => {
    const prod = push();
    const dev = push({ environment: 'dev' });
    await client.send(prod);
    await client.send(dev);
    const expiration = String(Math.floor(clock.now() / 1000) + 3600);
    const [p, d] = fake.requests;
    const expected = (token: string, topic: string) => ({
      ':method': 'POST',
      ':path': `/3/device/${token}`,
      ':scheme': 'https',
      ':authority': `127.0.0.1:${fake.port}`,
      authorization: expect.stringMatching(/^bearer [\w-]+\.[\w-]+\.[\w-]+$/),
      'apns-push-type': 'background',
      'apns-priority': '5',
      'apns-topic': topic,
      'apns-expiration': expiration,
      'content-type': 'application/json',
    });
    expect(p.headers).toEqual(expected(prod.token, TOPICS.prod));
    expect(d.headers).toEqual(expected(dev.token, TOPICS.dev));
    expect(p.body).toBe('{"aps":{"content-available":1}}');
  });

  it('goes to one long-lived connection per environment', async () => {
    for (let i = 0; i < 5; i += 1) await client.send(push());
    for (let i = 0; i < 5; i += 1) await client.send(push({ environment: 'dev' }));
    expect(new Set(fake.requests.slice(0, 5).map((r) => r.session)).size).toBe(1);
    expect(new Set(fake.requests.slice(5).map((r) => r.session)).size).toBe(1);
    expect(fake.requests[0].session).not.toBe(fake.requests[5].session);
  });

  it('reads the reason and timestamp APNs answers with', async () => {
    fake.reply = () => ({ status: 410, reason: 'Unregistered', timestamp: 1_700_000_000_000 });
    expect(await client.send(push())).toEqual({ status: 410, reason: 'Unregistered', timestamp: 1_700_000_000_000, apnsId: expect.any(String) });
  });
});

describe('the connection', () => {
  it('survives a GOAWAY mid-stream: the refused push is resent on a new connection and the next one succeeds', async () => {
    expect((await client.send(push())).status).toBe(200);
    fake.reply = () => (fake.requests.length === 2 ? { goaway: true } : undefined);
    const refused = push();
    expect((await client.send(refused)).status).toBe(200);
    expect((await client.send(push())).status).toBe(200);
    expect(fake.requests.map((r) => r.session)).toEqual([fake.requests[0].session, fake.requests[0].session, expect.any(Number), expect.any(Number)]);
    const [, goneAway, resent, next] = fake.requests;
    expect(resent.token).toBe(refused.token);
    expect(goneAway.token).toBe(refused.token);
    expect(resent.session).not.toBe(goneAway.session);
    expect(next.session).toBe(resent.session);
  });

  it('reconnects after the server drops it without a word', async () => {
    expect((await client.send(push())).status).toBe(200);
    fake.reply = () => (fake.requests.length === 2 ? { drop: true } : undefined);
    expect((await client.send(push())).status).toBe(200);
    expect((await client.send(push())).status).toBe(200);
    expect(new Set(fake.requests.map((r) => r.session)).size).toBe(2);
  });

  it('gives up on a push APNs does not answer within the request timeout, without resending it', async () => {
    await client.close();
    // Long enough for a slow machine to connect and send (the fake must see it), short for a test.
    client = newClient({ requestTimeoutMs: 1_000 });
    fake.reply = () => new Promise(() => undefined);
    await expect(client.send(push())).rejects.toBeInstanceOf(ApnsRequestError);
    expect(fake.requests).toHaveLength(1);
  });

  describe('when APNs cannot be reached', () => {
    let refuser: Server;
    let attempts: number[];

    beforeAll(async () => {
      refuser = createServer((socket) => {
        attempts.push(Date.now());
        socket.destroy();
      });
      await new Promise<void>((resolve) => refuser.listen(0, '127.0.0.1', resolve));
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => refuser.close(() => resolve()));
    });

    it('backs off between connection attempts, doubling the delay', async () => {
      attempts = [];
      await client.close();
      client = newClient({ origin: `https://127.0.0.1:${(refuser.address() as AddressInfo).port}`, reconnect: { minMs: 150, maxMs: 1000 } });
      await expect(client.send(push())).rejects.toBeInstanceOf(ApnsRequestError);
      await expect(client.send(push())).rejects.toBeInstanceOf(ApnsRequestError);
      // Each push tries twice: 4 connection attempts, 150, 300 and 600 ms apart at least.
      expect(attempts).toHaveLength(4);
      const gaps = attempts.slice(1).map((t, i) => t - attempts[i]);
      expect(gaps[0]).toBeGreaterThanOrEqual(140);
      expect(gaps[1]).toBeGreaterThanOrEqual(290);
      expect(gaps[2]).toBeGreaterThanOrEqual(590);
    });
  });
});
