import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { E2E_SERVER_LOG } from '../../playwright.config';
import { acceptTerms, logIn, newUser, signUp } from '../fixtures';

const readLog = () => readFileSync(E2E_SERVER_LOG, 'utf8');

function requestLines(log: string): Record<string, unknown>[] {
  return log
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((r) => r.msg === 'request');
}

test('the server log has a line per request with its id, and no password, session cookie, API key, profile name or task title', async ({
  request,
  playwright,
  baseURL,
}) => {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const user = { ...newUser('logsecrets'), password: `Hunter2-Passw0rd-${tag}` };
  const wrongPassword = `Wrong-Passw0rd-${tag}`;
  const profileName = `Zorblax Quillfeather ${tag}`;
  const taskTitle = `Draft the Xyloquartz memo ${tag}`;
  const origin = { origin: baseURL! };
  const secrets: Record<string, string> = { password: user.password, 'wrong password': wrongPassword };

  const userId = await signUp(request, user);
  expect((await logIn(request, { email: user.email, password: wrongPassword })).status()).toBe(401);
  expect((await logIn(request, user)).status()).toBe(200);
  await acceptTerms(request);
  expect((await logIn(request, user)).status()).toBe(200);
  const session = (await request.storageState()).cookies.find((c) => c.name.includes('next-auth.session-token'));
  expect(session?.value.length).toBeGreaterThan(20);
  secrets['session cookie'] = session!.value;

  // API keys may not exist on every branch: then that part has nothing to leak.
  const created = await request.post('/api/api-keys', { data: { label: `log check ${tag}` }, headers: origin });
  if (created.status() !== 404) {
    expect(created.status()).toBe(201);
    const { key } = (await created.json()) as { key: string };
    secrets['API key'] = key;
    const native = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
    expect((await native.get('/api/me')).status()).toBe(200);
    await native.dispose();
  }

  const renameId = `rename-${tag}`;
  const renamed = await request.patch('/api/me', { data: { name: profileName }, headers: { ...origin, 'x-request-id': renameId } });
  expect(renamed.status()).toBe(200);
  expect(renamed.headers()['x-request-id']).toBe(renameId);
  const focus = await request.post('/api/focus/start', { data: { taskTitle, mode: 'focus', plannedMinutes: 25 }, headers: origin });
  expect(focus.status()).toBe(200);
  expect(focus.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect((await request.post('/api/focus/stop', { data: { completed: false }, headers: origin })).status()).toBe(200);

  const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
  const signOutId = `signout-${tag}`;
  const signedOut = await request.post('/api/auth/signout', { form: { csrfToken, json: 'true' }, headers: { 'x-request-id': signOutId } });
  expect(signedOut.status()).toBe(200);
  expect(signedOut.headers()['x-request-id']).toBe(signOutId);
  expect((await request.get('/api/me')).status()).toBe(401);

  // Log lines are written asynchronously: wait for the last request's line.
  await expect.poll(() => requestLines(readLog()).some((r) => r.requestId === signOutId), { timeout: 10_000 }).toBe(true);
  const log = readLog();
  for (const [what, value] of Object.entries({ ...secrets, 'profile name': profileName, 'task title': taskTitle })) {
    expect(log.includes(value), `the server log contains the ${what}`).toBe(false);
  }

  const lines = requestLines(log);
  // One line per request, from the server layer, with the route and user a route handler knows.
  expect(lines.filter((r) => r.requestId === renameId)).toEqual([
    expect.objectContaining({ method: 'PATCH', path: '/api/me', route: '/api/me', status: 200, userId, durationMs: expect.any(Number) }),
  ]);
  expect(lines.filter((r) => r.requestId === signOutId)).toEqual([expect.objectContaining({ method: 'POST', path: '/api/auth/signout', status: 200 })]);
  const mine = lines.filter((r) => r.userId === userId);
  expect(mine.map((r) => r.route)).toEqual(expect.arrayContaining(['/api/me', '/api/focus/start', '/api/focus/stop', '/api/tos/accept']));
  for (const line of mine) expect(line.requestId).toEqual(expect.stringMatching(/^[A-Za-z0-9._-]{1,128}$/));
});
