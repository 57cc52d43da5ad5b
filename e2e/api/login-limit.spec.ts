import { expect, test } from '@playwright/test';
import { E2E_LOGIN_LIMIT } from '../../playwright.config';
import { logIn, newUser, signUp } from '../fixtures';

test('failed logins are limited per account with 429 + Retry-After, and the limit lifts after the window', async ({ request }) => {
  const user = newUser('limited');
  await signUp(request, user);
  const wrong = { email: user.email, password: 'definitely the wrong one' };

  for (let i = 0; i < E2E_LOGIN_LIMIT.perAccount; i++) {
    expect((await logIn(request, wrong)).status()).toBe(401);
  }
  const limited = await logIn(request, wrong);
  expect(limited.status()).toBe(429);
  const retryAfter = Number(limited.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(E2E_LOGIN_LIMIT.windowSeconds);
  expect((await limited.json()).error.code).toBe('rate_limited');

  // Even the right password is refused while limited: the limiter is not an oracle.
  expect((await logIn(request, user)).status()).toBe(429);

  // Another account is not affected.
  const other = newUser('unaffected');
  await signUp(request, other);
  expect((await logIn(request, other)).status()).toBe(200);

  await new Promise((r) => setTimeout(r, (retryAfter + 0.5) * 1000));
  expect((await logIn(request, user)).status()).toBe(200);
  expect((await request.get('/api/me')).status()).toBe(200);
});
