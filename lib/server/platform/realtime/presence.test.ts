import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Presence, RedisPresence } from './presence';

const TTL = 30_000;

describe('Presence on one node', () => {
  afterEach(() => vi.useRealTimers());

  it('lists the devices the hub joined, once each, oldest first, until they leave', async () => {
    vi.useFakeTimers();
    const presence = new Presence({ remote: null, ttlMs: TTL });
    presence.join('u1', 'laptop', 'Chrome on Linux');
    vi.advanceTimersByTime(1000);
    presence.join('u1', 'phone', 'Safari on iOS');
    presence.join('u1', 'laptop', 'Chrome on Linux');
    presence.join('u2', 'other', 'x');
    expect(await presence.devices('u1')).toEqual([
      { deviceId: 'laptop', label: 'Chrome on Linux', connectedAt: Date.now() - 1000 },
      { deviceId: 'phone', label: 'Safari on iOS', connectedAt: Date.now() },
    ]);
    presence.leave('u1', 'laptop');
    expect((await presence.devices('u1')).map((d) => d.deviceId)).toEqual(['phone']);
  });

  it('changes its freshness key exactly when the set of devices does', () => {
    const presence = new Presence({ remote: null, ttlMs: TTL });
    const before = presence.freshnessKey('u1');
    presence.join('u1', 'laptop', 'x');
    const joined = presence.freshnessKey('u1');
    expect(joined).not.toBe(before);
    expect(presence.freshnessKey('u1', Date.now() + 10 * TTL)).toBe(joined);
    presence.leave('u1', 'laptop');
    expect(presence.freshnessKey('u1')).toBe(before);
  });
});

const REDIS = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();

describe('Presence across nodes through Redis', () => {
  let server: ChildProcess;
  let clients: Redis[] = [];
  const port = 16_379 + Math.floor(Math.random() * 1000);

  beforeAll(async () => {
    if (!REDIS) throw new Error('redis-server is not installed (apt-get install redis-server): the presence store across nodes cannot be tested');
    server = spawn(REDIS, ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const probe = new Redis(port, { lazyConnect: true, retryStrategy: () => 100 });
    probe.on('error', () => {});
    await vi.waitFor(() => probe.connect(), { timeout: 10_000, interval: 100 });
    probe.disconnect();
  });
  afterEach(() => {
    clients.forEach((c) => c.disconnect());
    clients = [];
  });
  afterAll(() => {
    server?.kill('SIGTERM');
  });

  function node() {
    const redis = new Redis(port, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    clients.push(redis);
    return new Promise<{ presence: Presence; redis: Redis }>((resolve) =>
      redis.once('ready', () => resolve({ presence: new Presence({ remote: new RedisPresence(redis, randomUUID()), ttlMs: TTL }), redis })),
    );
  }

  it('lists a device connected on another node, and forgets it when it leaves there', async () => {
    const [one, two] = [await node(), await node()];
    const user = randomUUID();
    two.presence.join(user, 'phone', 'Safari on iOS');
    // Listed by connection time, then id: joined in the same millisecond, 'laptop' would sort first.
    await new Promise((r) => setTimeout(r, 5));
    one.presence.join(user, 'laptop', 'Chrome');
    await vi.waitFor(async () =>
      expect((await one.presence.devices(user)).map((d) => [d.deviceId, d.label])).toEqual([
        ['phone', 'Safari on iOS'],
        ['laptop', 'Chrome'],
      ]),
    );
    two.presence.leave(user, 'phone');
    await vi.waitFor(async () => expect((await one.presence.devices(user)).map((d) => d.deviceId)).toEqual(['laptop']));
  });

  it("drops a crashed node's devices once their entries expire, unless its node keeps refreshing them", async () => {
    const [reader, alive, crashed] = [await node(), await node(), await node()];
    const user = randomUUID();
    // The heartbeat comes ten times per TTL, so a stall of over a second still finds 'kept' fresh.
    const ttlMs = 1500;
    const refreshing = new Presence({ remote: new RedisPresence(alive.redis, randomUUID()), ttlMs });
    const dying = new Presence({ remote: new RedisPresence(crashed.redis, randomUUID()), ttlMs });
    refreshing.join(user, 'kept', 'k');
    dying.join(user, 'gone', 'g');
    await vi.waitFor(async () => expect((await reader.presence.devices(user)).map((d) => d.deviceId).sort()).toEqual(['gone', 'kept']));
    // The crashed node never refreshes nor says goodbye; the live one refreshes on its heartbeat.
    crashed.redis.disconnect();
    const heartbeat = setInterval(() => refreshing.refresh(), ttlMs / 10);
    try {
      await vi.waitFor(async () => expect((await reader.presence.devices(user)).map((d) => d.deviceId)).toEqual(['kept']), {
        timeout: 3 * ttlMs,
        interval: 50,
      });
      await new Promise((r) => setTimeout(r, 2 * ttlMs));
      expect((await reader.presence.devices(user)).map((d) => d.deviceId)).toEqual(['kept']);
    } finally {
      clearInterval(heartbeat);
    }
  });

  it('keeps a device listed when the node it left says goodbye after it reconnected to another node', async () => {
    const [one, two] = [await node(), await node()];
    const user = randomUUID();
    const key = `passion:presence:${user}`;
    const writer = async () => JSON.parse((await one.redis.hget(key, 'phone')) ?? '{}').node as string | undefined;
    one.presence.join(user, 'phone', 'p');
    await vi.waitFor(async () => expect(await writer()).toBeDefined());
    const first = await writer();
    two.presence.join(user, 'phone', 'p');
    await vi.waitFor(async () => expect(await writer()).not.toBe(first));
    one.presence.leave(user, 'phone');
    await one.redis.ping(); // after the removal: one connection runs its commands in order
    expect(await one.redis.hexists(key, 'phone')).toBe(1);
    two.presence.leave(user, 'phone');
    await two.redis.ping();
    expect(await one.redis.hexists(key, 'phone')).toBe(0);
  });

  it("still lists this node's own devices while Redis is unreachable", async () => {
    const { presence, redis } = await node();
    redis.disconnect();
    presence.join('u1', 'laptop', 'Chrome');
    expect((await presence.devices('u1')).map((d) => d.deviceId)).toEqual(['laptop']);
  });
});
