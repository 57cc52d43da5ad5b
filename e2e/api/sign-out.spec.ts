import { expect, request as playwrightRequest, test } from '@playwright/test';
import { logIn, newUser, signUp } from '../fixtures';

// Sign-out ends the session on the server (the restraint issue, item 9): a copy of the cookie taken
// before signing out no longer works, nor does next-auth answer a session for it.

test('after POST /api/auth/signout a copy of the old session cookie answers 401 on /api/me', async ({ request, baseURL }) => {
  const user = newUser('signout');
  await signUp(request, user);
  expect((await logIn(request, user)).status()).toBe(200);
  expect((await request.get('/api/me')).status()).toBe(200);
  const jar = await request.storageState();
  const cookie = jar.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

  const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
  const signOut = await request.post('/api/auth/signout', { form: { csrfToken, json: 'true' } });
  expect(signOut.status()).toBeLessThan(400);

  const stolen = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie } });
  try {
    expect((await stolen.get('/api/me')).status()).toBe(401);
    expect(await (await stolen.get('/api/auth/session')).json()).toEqual({});
  } finally {
    await stolen.dispose();
  }
});
