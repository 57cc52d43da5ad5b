import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createKey } from '@/app/api/api-keys/route';
import { DELETE as deleteBook } from '@/app/api/books/[id]/route';
import { DELETE as removeDevice } from '@/app/api/devices/[id]/route';
import { POST as registerDevice } from '@/app/api/devices/route';
import { GET as openEvents } from '@/app/api/events/route';
import { GET as getMe, PATCH as patchMe } from '@/app/api/me/route';
import { withRequestLog } from '@/lib/server/platform/http/request-log';
import { errorResponse } from '@/lib/server/platform/http/respond';
import { securityHeaders } from '@/lib/server/platform/http/security-headers.js';
import { resetHubForTests } from '@/lib/server/platform/realtime';
import type { ApiKeyCreated, DeviceView } from '@/lib/shared/schemas/native';
import { call, createTestUser, type TestUser } from '../helpers';
import { realRoutes, send, startEdge, type EdgeServer } from './edge-server';

// Every error answer has one shape and one set of headers, whichever path sends it (decision 025):
// npm start's edge (route handlers through its adapter, its router's refusals, the bare-node SSE
// stream) and the route handlers as Next calls them (next start, next dev).
const SAME_ORIGIN = { origin: 'http://localhost:3000' };
let edge: EdgeServer;
let user: TestUser;
let key: string;
let removedDevice: string;

beforeAll(async () => {
  const boom = { pattern: '/api/test/boom', module: { GET: async () => Promise.reject(new Error('the handler broke')) } };
  edge = await startEdge([...(await realRoutes()), boom]);
  user = await createTestUser();
  key = (
    (await (
      await call(createKey, '/api/api-keys', { method: 'POST', cookie: user.cookie, headers: SAME_ORIGIN, body: { label: 'CLI' } })
    ).json()) as ApiKeyCreated
  ).key;
  const bearer = { authorization: `Bearer ${key}` };
  const device = (await (
    await call(registerDevice, '/api/devices', { method: 'POST', headers: bearer, body: { label: 'Phone', platform: 'ios' } })
  ).json()) as DeviceView;
  expect((await call(removeDevice, `/api/devices/${device.id}`, { method: 'DELETE', headers: bearer, params: { id: device.id } })).status).toBe(200);
  removedDevice = device.id;
});
afterAll(async () => {
  resetHubForTests();
  await edge.close();
});

/** The one error shape: `{"error":{"code","message","issues?"}}`, JSON, the security headers, private, varying by credential. */
function expectErrorAnswer(got: { status: number; headers: Record<string, string | string[] | undefined>; text: string }, status: number, code: string) {
  expect(got.status, got.text).toBe(status);
  const body = JSON.parse(got.text);
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toEqual({ code, message: expect.stringMatching(/\S/), ...(body.error.issues ? { issues: expect.any(Array) } : {}) });
  expect(got.headers['content-type']).toBe('application/json; charset=utf-8');
  for (const [name, value] of Object.entries(securityHeaders())) expect(got.headers[name.toLowerCase()], name).toBe(value);
  expect(got.headers['cache-control']).toBe('private, no-cache');
  const vary = String(got.headers.vary).split(/\s*,\s*/);
  expect(vary).toEqual(expect.arrayContaining(['Cookie', 'Authorization']));
  return body.error as { code: string; issues?: unknown[] };
}

async function fromResponse(res: Response) {
  return { status: res.status, headers: Object.fromEntries(res.headers), text: await res.text() };
}

/** A JSON request as the app's own pages send it to the edge: same origin as the socket. */
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${edge.port}`, ...headers },
  body: JSON.stringify(body),
});

describe('error answers on npm start’s edge', () => {
  it.each([
    ['a route handler’s 401', () => send(edge.port, 'GET', '/api/me'), 401, 'unauthorized'],
    ['a route handler’s 400 with issues', () => send(edge.port, 'PATCH', '/api/me', json({ name: '' }, { cookie: user.cookie })), 400, 'validation_failed'],
    [
      'a route handler’s 403',
      () => send(edge.port, 'PATCH', '/api/me', json({ name: 'x' }, { cookie: user.cookie, origin: 'https://evil.example' })),
      403,
      'forbidden',
    ],
    [
      'a route handler’s 404',
      () => send(edge.port, 'DELETE', '/api/books/no-such-book', { headers: { cookie: user.cookie, origin: `http://127.0.0.1:${edge.port}` } }),
      404,
      'not_found',
    ],
    [
      'a route handler’s 413',
      () => send(edge.port, 'PATCH', '/api/me', { headers: { 'content-type': 'application/json', cookie: user.cookie }, body: ' '.repeat(2 * 1024 * 1024) }),
      413,
      'payload_too_large',
    ],
    [
      'a route handler’s 415',
      () => send(edge.port, 'PATCH', '/api/me', { headers: { 'content-type': 'text/plain', cookie: user.cookie }, body: '{}' }),
      415,
      'unsupported_media_type',
    ],
    ['the adapter’s 500 for a handler that throws', () => send(edge.port, 'GET', '/api/test/boom'), 500, 'internal'],
    ['the router’s 405 for a method the route lacks', () => send(edge.port, 'PUT', '/api/me'), 405, 'method_not_allowed'],
    ['the router’s 405 for TRACE', () => send(edge.port, 'TRACE', '/api/books'), 405, 'method_not_allowed'],
    ['the router’s 400 for a malformed path', () => send(edge.port, 'PATCH', '/api/books/%ff', { headers: { cookie: user.cookie } }), 400, 'bad_request'],
    ['the SSE stream’s 401', () => send(edge.port, 'GET', '/api/events?deviceId=web'), 401, 'unauthorized'],
    ['the SSE stream’s 400', () => send(edge.port, 'GET', '/api/events?deviceId=no%20spaces', { headers: { cookie: user.cookie } }), 400, 'validation_failed'],
    [
      'the SSE stream’s 404 for a removed device',
      () => send(edge.port, 'GET', `/api/events?deviceId=${removedDevice}`, { headers: { authorization: `Bearer ${key}` } }),
      404,
      'not_found',
    ],
  ])('%s', async (_, request, status, code) => {
    expectErrorAnswer(await request(), status, code);
  });

  it('names the methods a route answers in Allow on a 405', async () => {
    expect((await send(edge.port, 'PUT', '/api/me')).headers.allow).toBe('DELETE, GET, HEAD, OPTIONS, PATCH');
    expect((await send(edge.port, 'POST', '/api/events')).headers.allow).toBe('GET, HEAD, OPTIONS');
    expect((await send(edge.port, 'TRACE', '/api/auth/session')).headers.allow).toBe('GET, HEAD, OPTIONS, POST');
  });
});

describe('error answers of the route handlers as Next calls them (next start, next dev)', () => {
  const broken = withRequestLog(async () => Promise.reject(new Error('the handler broke')));

  it.each([
    ['a route handler’s 401', () => call(getMe, '/api/me'), 401, 'unauthorized'],
    [
      'a route handler’s 400 with issues',
      () => call(patchMe, '/api/me', { method: 'PATCH', cookie: user.cookie, headers: SAME_ORIGIN, body: { name: '' } }),
      400,
      'validation_failed',
    ],
    [
      'a route handler’s 403',
      () => call(patchMe, '/api/me', { method: 'PATCH', cookie: user.cookie, headers: { origin: 'https://evil.example' }, body: { name: 'x' } }),
      403,
      'forbidden',
    ],
    ['a route handler’s 404', () => call(deleteBook, '/api/books/nope', { method: 'DELETE', cookie: user.cookie, params: { id: 'nope' } }), 404, 'not_found'],
    ['a handler that throws', () => call(broken, '/api/health'), 500, 'internal'],
    ['the SSE stream’s 401', () => call(openEvents, '/api/events?deviceId=web'), 401, 'unauthorized'],
    ['the SSE stream’s 400', () => call(openEvents, '/api/events?deviceId=no%20spaces', { cookie: user.cookie }), 400, 'validation_failed'],
    [
      'the SSE stream’s 404 for a removed device',
      () => call(openEvents, `/api/events?deviceId=${removedDevice}`, { headers: { authorization: `Bearer ${key}` } }),
      404,
      'not_found',
    ],
  ])('%s', async (_, request, status, code) => {
    expectErrorAnswer(await fromResponse(await request()), status, code);
  });
});

describe('an AppError made by another copy of errors.ts', () => {
  // Next bundles lib/server once per route bundle, and the domains registered at start-up
  // (instrumentation.ts) throw their copy's AppError: instanceof fails across copies.
  class OtherCopyAppError extends Error {
    readonly name = 'AppError';
    constructor(
      readonly code: string,
      message: string,
      readonly headers?: Record<string, string>,
    ) {
      super(message);
    }
  }

  it('is answered as the error it is, not as a 500', async () => {
    const got = await fromResponse(errorResponse(new OtherCopyAppError('not_found', 'Device not found')));
    expectErrorAnswer(got, 404, 'not_found');
    const limited = errorResponse(new OtherCopyAppError('rate_limited', 'Slow down', { 'Retry-After': '7' }));
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
  });

  it('is still a 500 when its code is not one of ours', async () => {
    expectErrorAnswer(await fromResponse(errorResponse(new OtherCopyAppError('teapot', 'no'))), 500, 'internal');
  });
});
