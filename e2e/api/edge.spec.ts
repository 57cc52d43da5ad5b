import { readFileSync } from 'node:fs';
import { expect, test, type APIResponse } from '@playwright/test';
import { securityHeaders } from '../../lib/server/platform/http/security-headers.js';
import { apiUser } from '../sse-helpers';

// What every response carries and how every error looks, on whichever server the project runs:
// npm start's edge (project api) and plain `next start` (project api-next-start) answer alike
// (decision 025).

/** The one error shape and header set (lib/server/platform/http/respond.ts). */
async function expectErrorAnswer(res: { status: number; headers: Record<string, string>; text: string }, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  const body = JSON.parse(res.text);
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toEqual({ code, message: expect.stringMatching(/\S/), ...(body.error.issues ? { issues: expect.any(Array) } : {}) });
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(res.headers['cache-control']).toBe('private, no-cache');
  expect(res.headers.vary?.split(/\s*,\s*/)).toEqual(expect.arrayContaining(['Cookie', 'Authorization']));
  expectSecurityHeaders(res.headers);
}

function expectSecurityHeaders(headers: Record<string, string>) {
  for (const [name, value] of Object.entries(securityHeaders())) expect(headers[name.toLowerCase()], name).toBe(value);
}

const answer = async (res: APIResponse) => ({ status: res.status(), headers: res.headers(), text: await res.text() });
const fetched = async (res: Response) => ({ status: res.status, headers: Object.fromEntries(res.headers), text: await res.text() });

test.describe('error answers', () => {
  test('a route handler’s 401, 400 with issues and 404 have the one shape and header set', async ({ request, playwright, baseURL }) => {
    await expectErrorAnswer(await answer(await request.get('/api/me')), 401, 'unauthorized');
    const signedIn = await playwright.request.newContext({ baseURL });
    const user = await apiUser(signedIn, 'edge-errors');
    const headers = { cookie: user.cookie, origin: baseURL! };
    await expectErrorAnswer(await answer(await request.patch('/api/me', { data: { name: '' }, headers })), 400, 'validation_failed');
    await expectErrorAnswer(await answer(await request.delete('/api/books/no-such-book', { headers })), 404, 'not_found');
    await signedIn.dispose();
  });

  test('an /api path no route has is the same JSON 404 for every method, not the app’s HTML page', async ({ request }) => {
    for (const path of ['/api/nope', '/api/v1/nope', '/api/habits/x1/more/deeper', '/api/v1/sync/records/extra'])
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
        const res = await answer(await request.fetch(path, { method, ...(method === 'GET' || method === 'DELETE' ? {} : { data: {} }) }));
        await expectErrorAnswer(res, 404, 'not_found');
        expect(JSON.parse(res.text).error.message, `${method} ${path}`).toBe(`No API at ${path}`);
      }
  });

  test('the SSE stream’s refusals (401, 400) have the one shape and header set', async ({ playwright, baseURL }) => {
    await expectErrorAnswer(await fetched(await fetch(new URL('/api/events?deviceId=web', baseURL))), 401, 'unauthorized');
    const signedIn = await playwright.request.newContext({ baseURL });
    const user = await apiUser(signedIn, 'edge-sse');
    const bad = await fetch(new URL('/api/events?deviceId=no%20spaces', baseURL), { headers: { cookie: user.cookie } });
    await expectErrorAnswer(await fetched(bad), 400, 'validation_failed');
    await signedIn.dispose();
  });
});

test('a stream and a public answer carry the security headers too', async ({ request, playwright, baseURL }) => {
  expectSecurityHeaders((await request.get('/api/health')).headers());
  const signedIn = await playwright.request.newContext({ baseURL });
  const user = await apiUser(signedIn, 'edge-stream');
  const controller = new AbortController();
  const stream = await fetch(new URL('/api/events?deviceId=headers', baseURL), { headers: { cookie: user.cookie }, signal: controller.signal });
  expect(stream.status).toBe(200);
  expectSecurityHeaders(Object.fromEntries(stream.headers));
  controller.abort();
  await signedIn.dispose();
});

test('the log line of a request names its route pattern', async ({ playwright, baseURL }) => {
  const serverLog = test.info().project.metadata.serverLog as string;
  const signedIn = await playwright.request.newContext({ baseURL });
  const user = await apiUser(signedIn, 'edge-log');
  const requestId = `edge-log-${Date.now().toString(36)}`;
  // A book id that repeats a segment of the path: guessing the pattern from the params got it wrong.
  const res = await signedIn.post('/api/books/books/complete', { headers: { cookie: user.cookie, origin: baseURL!, 'x-request-id': requestId } });
  expect(res.status()).toBe(404);
  const line = () =>
    readFileSync(serverLog, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'request' && l.requestId === requestId);
  await expect.poll(line).toMatchObject({ path: '/api/books/books/complete', route: '/api/books/[id]/complete', status: 404, userId: user.id });
  await signedIn.dispose();
});
