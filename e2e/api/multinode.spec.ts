import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { EventSource } from 'eventsource';
import { freePort } from '../own-server';
import { bearer, listen, sleep } from '../sse-helpers';

const REDIS = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();

async function waitFor(url: string, ok: (res: Response) => boolean, timeoutMs = 30_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(url).catch(() => undefined);
    if (res && ok(res)) return res;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${url}`);
    await sleep(200);
  }
}

function startRedis(port: number): ChildProcess {
  return spawn(REDIS, ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
}

function stop(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

const HEARTBEAT_MS = 1000;

test('two nodes — `next start` and the production server — share changes, presence and revocations through Redis, keep serving without it, and recover when it returns', async () => {
  test.setTimeout(120_000);
  if (!REDIS) {
    if (process.env.CI === 'true') throw new Error('CI=true but redis-server is not installed (apt-get install redis-server)');
    console.warn('\n!!! redis-server not found: the multi-node Redis test did not run. Install redis-server to run it.\n');
    return;
  }
  // Free ports, not fixed ones: other runs on a shared machine (another E2E_PORT) may hold any of them.
  const [port1, port2, redisPort] = [await freePort(), await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'passion-multinode-'));
  const env = {
    ...process.env,
    DATA_DIR: join(dir, 'data'),
    APP_ENV: 'test',
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    SSE_THROTTLE_MS: '200',
    SSE_HEARTBEAT_MS: String(HEARTBEAT_MS),
    NEXTAUTH_SECRET: 'multinode-secret-multinode-secret-0123456789',
  };
  let redis: ChildProcess | undefined = startRedis(redisPort);
  // Node 1 serves /api/events from the route handler (`next start`); node 2 is what `npm start`
  // runs in production: the server bundle that serves /api/events on bare node:http (decision 010).
  const serverBundle = join(process.env.NEXT_DIST_DIR || '.next', 'passion-server.cjs');
  const nodes = [
    spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port1)], { env: { ...env, PORT: String(port1) }, stdio: 'ignore' }),
    spawn(process.execPath, [serverBundle], { env: { ...env, PORT: String(port2) }, stdio: 'ignore' }),
  ];
  const [url1, url2] = [`http://localhost:${port1}`, `http://localhost:${port2}`];
  try {
    for (const url of [url1, url2]) await waitFor(`${url}/api/health`, (r) => r.ok);
    for (const url of [url1, url2]) await waitFor(`${url}/api/health`, (r) => r.ok && r.headers.get('content-type')!.includes('json'));
    await expect.poll(async () => (await (await fetch(`${url2}/api/health`)).json()).bus).toBe('ok');

    // Sign up and in on node 1; the session cookie works on node 2 (shared secret and database).
    const signup = await fetch(`${url1}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'multi@example.test', password: 'multi node password', name: 'Multi' }),
    });
    expect(signup.status).toBe(201);
    const csrfRes = await fetch(`${url1}/api/auth/csrf`);
    const csrfCookie = csrfRes.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = await csrfRes.json();
    const login = await fetch(`${url1}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
      body: new URLSearchParams({ email: 'multi@example.test', password: 'multi node password', csrfToken, json: 'true' }),
      redirect: 'manual',
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .filter((c) => c.includes('session-token'))
      .join('; ');
    expect(cookie).toContain('session-token');
    const patch = (url: string, name: string) =>
      fetch(`${url}/api/me`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie, 'x-device-id': 'writer' },
        body: JSON.stringify({ name }),
      });

    const onNode2 = listen(url2, cookie, 'reader');
    await onNode2.opened;
    expect((await patch(url1, 'through node 1')).status).toBe(200);
    await expect.poll(() => onNode2.events.length, { timeout: 3_000 }).toBeGreaterThanOrEqual(1);
    expect(onNode2.events[0]).toMatchObject({ channel: 'changed', sourceDeviceId: 'writer' });

    // And the other way round, to the route handler's stream.
    const onNode1 = listen(url1, cookie, 'other-reader');
    await onNode1.opened;
    expect((await patch(url2, 'through node 2')).status).toBe(200);
    await expect.poll(() => onNode1.events.filter((e) => e.channel === 'changed').length, { timeout: 3_000 }).toBe(1);
    onNode1.close();

    // Presence: node 1 lists the device connected to node 2, by its label, and so does a timer's deviceName.
    const devicesOn = async (url: string) =>
      ((await (await fetch(`${url}/api/realtime/devices`, { headers: { cookie } })).json()).devices as { deviceId: string; label: string }[]).map(
        (d) => `${d.deviceId}=${d.label}`,
      );
    await expect.poll(() => devicesOn(url1), { timeout: 3_000 }).toEqual(['reader=Test reader']);
    const started = await fetch(`${url1}/api/focus/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-device-id': 'writer' },
      body: JSON.stringify({ mode: 'focus', plannedMinutes: 25, deviceId: 'reader' }),
    });
    expect(started.status).toBe(200);
    await expect
      .poll(() => onNode2.events.find((e) => e.channel === 'timer')?.payload, { timeout: 3_000 })
      .toMatchObject({ deviceId: 'reader', deviceName: 'Test reader', plannedEndTime: expect.any(Number) });

    // Revocation: a key's stream on node 2 closes when the key is revoked through node 1.
    const created = await fetch(`${url1}/api/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ label: 'multinode' }),
    });
    expect(created.status).toBe(201);
    const { key, apiKey } = await created.json();
    const keyStream = listen(url2, null, 'native', { headers: bearer(key) });
    await keyStream.opened;
    await expect.poll(() => devicesOn(url1), { timeout: 3_000 }).toContain('native=Test native');
    expect((await fetch(`${url1}/api/api-keys/${apiKey.id}`, { method: 'DELETE', headers: { cookie } })).status).toBe(200);
    await expect.poll(() => keyStream.readyState(), { timeout: 10_000 }).toBe(EventSource.CLOSED);
    expect(keyStream.status()).toBe(401);
    await expect.poll(() => devicesOn(url1), { timeout: 3_000 }).toEqual(['reader=Test reader']);

    // Redis goes away: both nodes keep serving reads and writes, health says degraded.
    await stop(redis);
    redis = undefined;
    for (const url of [url1, url2]) {
      await expect.poll(async () => (await (await fetch(`${url}/api/health`)).json()).bus, { timeout: 10_000 }).toBe('degraded');
      const me = await fetch(`${url}/api/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
    }
    expect((await patch(url1, 'while redis is down')).status).toBe(200);
    const health = await fetch(`${url1}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'degraded', db: 'ok', bus: 'degraded' });

    // Redis is back: events flow again without restarting the nodes.
    redis = startRedis(redisPort);
    for (const url of [url1, url2]) await expect.poll(async () => (await (await fetch(`${url}/api/health`)).json()).bus, { timeout: 20_000 }).toBe('ok');
    const before = onNode2.events.length;
    await sleep(300);
    expect((await patch(url1, 'after redis returned')).status).toBe(200);
    await expect.poll(() => onNode2.events.length, { timeout: 5_000 }).toBeGreaterThan(before);

    // Presence is rebuilt by the next heartbeats; a node that crashes takes its devices with it
    // within about two heartbeats, without saying goodbye.
    await expect.poll(() => devicesOn(url1), { timeout: 5_000 }).toEqual(['reader=Test reader']);
    await stop(nodes[1], 'SIGKILL');
    await expect.poll(() => devicesOn(url1), { timeout: 4 * HEARTBEAT_MS, intervals: [200] }).toEqual([]);
    onNode2.close();
  } finally {
    await Promise.all([...nodes.map((n) => stop(n)), stop(redis)]);
  }
});
