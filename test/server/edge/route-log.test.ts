import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as completeBook } from '@/app/api/books/[id]/complete/route';
import { GET as download } from '@/app/api/v1/sync/download/route';
import { setLogDestinationForTests } from '@/lib/server/platform/log';
import { resetHubForTests } from '@/lib/server/platform/realtime';
import { call, createTestUser, type TestUser } from '../helpers';
import { realRoutes, send, startEdge, type EdgeServer } from './edge-server';

// The request log names the route pattern from the router that picked the route, never a guess
// from the params (decision 025): npm start's edge knows it; under Next the route table does.
let lines: Record<string, unknown>[] = [];
let edge: EdgeServer;
let user: TestUser;

beforeAll(async () => {
  edge = await startEdge(await realRoutes());
  user = await createTestUser();
});
beforeEach(() => {
  lines = [];
  setLogDestinationForTests({ write: (line: string) => void lines.push(JSON.parse(line)) });
});
afterAll(async () => {
  setLogDestinationForTests(undefined);
  resetHubForTests();
  await edge.close();
});

const requestLines = () => lines.filter((l) => l.msg === 'request');

describe('under Next (next start, next dev): the route table', () => {
  it('names a dynamic route whose value repeats a static segment of its path', async () => {
    const res = await call(completeBook, '/api/books/books/complete', { method: 'POST', cookie: user.cookie, params: { id: 'books' } });
    expect(res.status).toBe(404);
    expect(requestLines()).toEqual([expect.objectContaining({ path: '/api/books/books/complete', route: '/api/books/[id]/complete', userId: user.id })]);
  });

  it('names a static route', async () => {
    await call(download, '/api/v1/sync/download?since=0', { cookie: user.cookie });
    expect(requestLines()).toEqual([expect.objectContaining({ route: '/api/v1/sync/download' })]);
  });
});

describe('under npm start: the router that picked the route', () => {
  const origin = () => `http://127.0.0.1:${edge.port}`;
  /** The one log line of the last request, once its response has closed. */
  const lineOf = async (path: string) => {
    await expect.poll(() => requestLines().filter((l) => l.path === path)).toHaveLength(1);
    return requestLines().find((l) => l.path === path)!;
  };

  it('names the route of a handler it calls, once per request', async () => {
    const got = await send(edge.port, 'POST', '/api/books/books/complete', { headers: { cookie: user.cookie, origin: origin() } });
    expect(got.status).toBe(404);
    expect(await lineOf('/api/books/books/complete')).toMatchObject({ route: '/api/books/[id]/complete', status: 404, userId: user.id });
  });

  it('names the route of what it refuses, and of what it hands Next', async () => {
    expect((await send(edge.port, 'PUT', '/api/me')).status).toBe(405);
    expect(await lineOf('/api/me')).toMatchObject({ method: 'PUT', route: '/api/me', status: 405 });
    expect((await send(edge.port, 'GET', '/api/auth/session')).status).toBe(418);
    expect(await lineOf('/api/auth/session')).toMatchObject({ route: '/api/auth/[...nextauth]', status: 418 });
    expect((await send(edge.port, 'GET', '/today')).status).toBe(418);
    expect(await lineOf('/today')).not.toHaveProperty('route');
  });

  it('names /api/events and its user on the line of a stream', async () => {
    const socket = connect(edge.port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.write(`GET /api/events?deviceId=log HTTP/1.1\r\nHost: localhost\r\nCookie: ${user.cookie}\r\n\r\n`);
    await expect.poll(() => text).toContain('retry:');
    socket.destroy();
    expect(await lineOf('/api/events')).toMatchObject({ route: '/api/events', userId: user.id, status: 200, aborted: true });
  });
});
