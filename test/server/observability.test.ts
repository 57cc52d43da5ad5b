import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { GET as metrics } from '@/app/api/metrics/route';
import { GET as ready } from '@/app/api/ready/route';
import { POST as signup } from '@/app/api/auth/signup/route';
import { DELETE as deleteBook } from '@/app/api/books/[id]/route';
import { GET as getMe, PATCH as patchMe } from '@/app/api/me/route';
import { POST as pushRoute } from '@/app/api/sync/push/route';
import { setBusForTests, type ChangeBus } from '@/lib/server/platform/changes/bus';
import { resetConfigForTests } from '@/lib/server/platform/config';
import { logger, setLogDestinationForTests } from '@/lib/server/platform/log';
import { compactUser } from '@/lib/server/platform/oplog/compaction';
import { pushMetrics } from '@/lib/server/platform/push/metrics';
import { getHub, resetHubForTests } from '@/lib/server/platform/realtime';
import { TaskDocument } from '@/lib/shared/crdt';
import { call, createTestUser } from './helpers';

const TOKEN = 'metrics-token-0123456789abcdef';
let lines: string[] = [];

beforeEach(() => {
  lines = [];
  setLogDestinationForTests({ write: (line: string) => void lines.push(line) });
});

afterEach(() => {
  setLogDestinationForTests(undefined);
  delete process.env.METRICS_TOKEN;
  resetConfigForTests();
});

afterAll(() => resetHubForTests());

const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
const requestLines = () => records().filter((r) => r.msg === 'request');

/** The value of one sample in Prometheus text (`name{labels} value`), 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function scrape(): Promise<string> {
  process.env.METRICS_TOKEN = TOKEN;
  resetConfigForTests();
  const res = await call(metrics, '/api/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
}

describe('X-Request-Id', () => {
  it('echoes a sane id the caller sends, on public and authenticated routes', async () => {
    const user = await createTestUser();
    const id = 'edge-proxy.42_abc-DEF';
    expect((await call(health, '/api/health', { headers: { 'x-request-id': id } })).headers.get('x-request-id')).toBe(id);
    expect((await call(getMe, '/api/me', { cookie: user.cookie, headers: { 'x-request-id': id } })).headers.get('x-request-id')).toBe(id);
  });

  it('generates an id when the caller sends none', async () => {
    const a = (await call(health, '/api/health')).headers.get('x-request-id');
    const b = (await call(health, '/api/health')).headers.get('x-request-id');
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });

  it.each([
    ['spaces and quotes', 'id "with" spaces'],
    ['markup', '<script>alert(1)</script>'],
    ['a log-injection attempt', 'x","level":"fatal'],
    ['more than 128 characters', 'a'.repeat(129)],
  ])('replaces an id with %s by a generated one', async (_, bad) => {
    const res = await call(health, '/api/health', { headers: { 'x-request-id': bad } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.join('')).not.toContain(bad);
  });

  it('accepts exactly 128 characters', async () => {
    const id = 'b'.repeat(128);
    expect((await call(health, '/api/health', { headers: { 'x-request-id': id } })).headers.get('x-request-id')).toBe(id);
  });
});

describe('request log', () => {
  it('writes one JSON line per request with method, path, route, status, duration, request id and user id', async () => {
    const user = await createTestUser();
    const res = await call(getMe, '/api/me?ref=query-secret-4711', { cookie: user.cookie, headers: { 'x-request-id': 'req-1' } });
    expect(res.status).toBe(200);
    const [line, ...more] = requestLines();
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      requestId: 'req-1',
      method: 'GET',
      path: '/api/me',
      route: '/api/me',
      status: 200,
      userId: user.id,
    });
    expect(typeof line.durationMs).toBe('number');
    expect(typeof line.time).toBe('string');
    const raw = lines.join('');
    expect(raw).not.toContain('query-secret-4711');
    expect(raw).not.toContain(user.cookie.split('=')[1]);
  });

  it('logs the route pattern of a dynamic route, and 4xx answers at info', async () => {
    const user = await createTestUser();
    const res = await call(deleteBook, '/api/books/no-such-book', { method: 'DELETE', cookie: user.cookie, params: { id: 'no-such-book' } });
    expect(res.status).toBe(404);
    expect(requestLines()).toEqual([
      expect.objectContaining({ level: 'info', path: '/api/books/no-such-book', route: '/api/books/[id]', status: 404, userId: user.id }),
    ]);
  });

  it('logs a sign-up without its password, name or e-mail, and without a user id', async () => {
    const body = { email: 'log-check@example.test', password: 'Unmistakable-Passw0rd-9137', name: 'Zanzibar Quokka', timezone: 'UTC' };
    expect((await call(signup, '/api/auth/signup', { method: 'POST', body })).status).toBe(201);
    expect(requestLines()).toEqual([expect.objectContaining({ method: 'POST', route: '/api/auth/signup', status: 201 })]);
    expect(requestLines()[0]).not.toHaveProperty('userId');
    for (const secret of Object.values(body).slice(0, 3)) expect(lines.join('')).not.toContain(secret);
  });

  it('redacts known secret fields should someone log them', () => {
    logger().warn({ password: 'pw-1', headers: { cookie: 'c-1', authorization: 'Bearer t-1' }, ctx: { apiKey: 'k-1', token: 't-2' } }, 'oops');
    const raw = lines.join('');
    for (const secret of ['pw-1', 'c-1', 't-1', 'k-1', 't-2']) expect(raw).not.toContain(secret);
    expect(raw).toContain('[redacted]');
  });

  it('censors at the top of a line and one level down and an error’s own fields, never in the caller’s object', () => {
    const fields = { title: 'Buy a ring', ctx: { url: '/api/x?token=1', note: 'kept one level down', id: 7 }, list: [{ password: 'in-a-list' }], n: 3 };
    const err = Object.assign(new Error('fetch failed'), { url: 'https://example.test/?k=err-secret' });
    logger().warn({ ...fields, err }, 'oops');
    const line = JSON.parse(lines.at(-1)!);
    expect(line).toMatchObject({ title: '[redacted]', ctx: { url: '[redacted]', note: 'kept one level down', id: 7 }, n: 3, msg: 'oops' });
    expect(line.err).toMatchObject({ message: 'fetch failed', url: '[redacted]' });
    expect(line.list).toEqual([{ password: 'in-a-list' }]);
    expect(fields.ctx.url).toBe('/api/x?token=1');
    expect(err.url).toContain('err-secret');
    logger().warn({ err: null, n: 2 }, 'no error after all');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ err: null, n: 2 });
    logger().info({ n: 1 }, 'plain');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ n: 1, msg: 'plain' });
  });
});

describe('GET /api/health', () => {
  it('answers 200 with {status, db, bus, version} when the database answers', async () => {
    const res = await call(health, '/api/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok', bus: 'ok', version: expect.any(String) });
  });

  it('answers 503 with db "down" when the database cannot be opened, and 200 again once it can', async () => {
    const url = process.env.DATABASE_URL;
    const blocker = join(mkdtempSync(join(tmpdir(), 'passion-health-')), 'not-a-folder');
    writeFileSync(blocker, '');
    process.env.DATABASE_URL = `file:${join(blocker, 'health.db')}`;
    resetConfigForTests();
    try {
      const res = await call(health, '/api/health');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'down', db: 'down' });
    } finally {
      process.env.DATABASE_URL = url;
      resetConfigForTests();
    }
    expect((await call(health, '/api/health')).status).toBe(200);
  });

  it('stays 200 but says "degraded" while the change bus is disconnected (polling still serves)', async () => {
    const degraded: ChangeBus = {
      publish: async () => {},
      subscribe: () => () => {},
      subscribeAll: () => () => {},
      subscribeLocal: () => () => {},
      status: () => 'degraded',
    };
    setBusForTests(degraded);
    try {
      const res = await call(health, '/api/health');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'degraded', db: 'ok', bus: 'degraded' });
    } finally {
      setBusForTests(undefined);
    }
  });
});

describe('GET /api/ready', () => {
  it('answers 200 when the database is migrated and answers and the bus is connected', async () => {
    const res = await call(ready, '/api/ready');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ready', db: 'ok', bus: 'ok', failing: [] });
  });

  it('answers 503 naming the database when it cannot be opened', async () => {
    const url = process.env.DATABASE_URL;
    // A file where the data folder should be: creating the folder fails (ENOTDIR) at once.
    const blocker = join(mkdtempSync(join(tmpdir(), 'passion-ready-')), 'not-a-folder');
    writeFileSync(blocker, '');
    process.env.DATABASE_URL = `file:${join(blocker, 'ready.db')}`;
    resetConfigForTests();
    try {
      const res = await call(ready, '/api/ready');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'not_ready', db: 'down', failing: ['db'] });
    } finally {
      process.env.DATABASE_URL = url;
      resetConfigForTests();
    }
    expect((await call(ready, '/api/ready')).status).toBe(200);
  });

  it('answers 503 naming the bus while it is disconnected', async () => {
    const degraded: ChangeBus = {
      publish: async () => {},
      subscribe: () => () => {},
      subscribeAll: () => () => {},
      subscribeLocal: () => () => {},
      status: () => 'degraded',
    };
    setBusForTests(degraded);
    try {
      const res = await call(ready, '/api/ready');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'not_ready', db: 'ok', bus: 'degraded', failing: ['bus'] });
    } finally {
      setBusForTests(undefined);
    }
  });
});

describe('GET /api/metrics', () => {
  it('answers 404 while METRICS_TOKEN is not configured, even with a token', async () => {
    const res = await call(metrics, '/api/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', `Bearer ${TOKEN}x`],
    ['the token without the Bearer scheme', TOKEN],
  ])('answers 401 with %s', async (_, authorization) => {
    process.env.METRICS_TOKEN = TOKEN;
    resetConfigForTests();
    const res = await call(metrics, '/api/metrics', { headers: authorization ? { authorization } : {} });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('serves every documented metric in the Prometheus text format', async () => {
    const text = await scrape();
    for (const name of [
      'passion_http_requests_total',
      'passion_http_request_duration_seconds',
      'passion_conditional_get_total',
      'passion_sse_connections',
      'passion_change_events_published_total',
      'passion_sse_events_sent_total',
      'passion_pushes_total',
      'passion_pushes_deferred_total',
      'passion_pushes_dropped_total',
      'passion_oplog_ops',
      'passion_oplog_compaction_runs_total',
      'passion_oplog_pruned_ops_total',
      'process_cpu_seconds_total',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('answers text/plain and counts requests by route and status, and conditional GETs answered 304 vs 200', async () => {
    const user = await createTestUser();
    const before = await scrape();
    const first = await call(getMe, '/api/me', { cookie: user.cookie });
    const etag = first.headers.get('etag')!;
    await call(getMe, '/api/me', { cookie: user.cookie, headers: { 'if-none-match': etag } });
    await call(getMe, '/api/me', { cookie: user.cookie, headers: { 'if-none-match': etag } });
    await call(patchMe, '/api/me', { method: 'PATCH', cookie: user.cookie, body: { name: 'Changed' } });
    await call(getMe, '/api/me', { cookie: user.cookie, headers: { 'if-none-match': etag } });

    const res = await call(metrics, '/api/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const after = await res.text();
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('passion_http_requests_total{method="GET",route="/api/me",status="200"}')).toBe(2);
    expect(delta('passion_http_requests_total{method="GET",route="/api/me",status="304"}')).toBe(2);
    expect(delta('passion_http_requests_total{method="PATCH",route="/api/me",status="200"}')).toBe(1);
    expect(delta('passion_http_request_duration_seconds_count{method="GET",route="/api/me",status="304"}')).toBe(2);
    expect(delta('passion_conditional_get_total{status="304"}')).toBe(2);
    expect(delta('passion_conditional_get_total{status="200"}')).toBe(1);
    expect(delta('passion_change_events_published_total')).toBe(1);
  });

  it('reads SSE connections and events sent from the hub, and pushes, op log and compactions on scrape', async () => {
    const user = await createTestUser();
    const hub = getHub();
    const before = await scrape();
    const conn = hub.connect({
      userId: user.id,
      deviceId: 'phone',
      label: 'Phone',
      sessionId: null,
      expiresAt: null,
      lastEventId: null,
      sink: { write: () => true, close: () => {} },
    });
    await call(patchMe, '/api/me', { method: 'PATCH', cookie: user.cookie, body: { name: 'Nudged' } });
    pushMetrics.byOutcome.unregistered += 1;
    pushMetrics.deferred += 1;
    const during = await scrape();
    hub.disconnect(conn);
    const after = await scrape();
    const delta = (text: string, series: string) => sample(text, series) - sample(before, series);
    expect(delta(during, 'passion_sse_connections')).toBe(1);
    expect(delta(after, 'passion_sse_connections')).toBe(0);
    expect(delta(during, 'passion_sse_events_sent_total')).toBe(1);
    expect(delta(during, 'passion_change_events_published_total')).toBe(1);
    expect(delta(during, 'passion_pushes_total{outcome="unregistered"}')).toBe(1);
    expect(delta(during, 'passion_pushes_deferred_total')).toBe(1);
  });

  it('counts op-log rows on scrape, and compaction runs', async () => {
    const user = await createTestUser();
    const clientId = randomUUID();
    const doc = new TaskDocument({ actor: clientId });
    const list = doc.createList('Inbox');
    const ops = [list, doc.addTask(list.payload.listId, { title: 'one' }), doc.addTask(list.payload.listId, { title: 'two' })];
    const before = await scrape();
    expect((await call(pushRoute, '/api/sync/push', { method: 'POST', cookie: user.cookie, body: { clientId, ops } })).status).toBe(200);
    await compactUser(user.id);
    const after = await scrape();
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('passion_oplog_ops')).toBe(3);
    expect(delta('passion_oplog_compaction_runs_total')).toBe(1);
    expect(after).toMatch(/^passion_oplog_pruned_ops_total \d+$/m);
  });
});
