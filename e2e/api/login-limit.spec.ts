import { expect, test } from '@playwright/test';
import { E2E_LOGIN_LIMIT } from '../../playwright.config';
import { logIn, newUser, signUp } from '../fixtures';
import { startOwnServer, type OwnServer } from '../own-server';

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

// The shared server allows 1,000 failures per address (every spec signs in from localhost), so
// the per-address limit runs on a server of its own with a small one. X-Forwarded-For stands in
// for the client's address, as a reverse proxy would set it (decision 004).
test.describe('per address, on a server of its own', () => {
  const PER_IP = 4;
  const WINDOW_S = 3;
  let server: OwnServer;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startOwnServer({
      LOGIN_MAX_FAILURES_PER_IP: String(PER_IP),
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '100',
      LOGIN_RATE_WINDOW_SECONDS: String(WINDOW_S),
    });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('failures across many accounts from one address get 429 + Retry-After there, not elsewhere, and lift after the window', async ({ playwright }) => {
    const from = (ip: string) => playwright.request.newContext({ baseURL: server.url, extraHTTPHeaders: { 'x-forwarded-for': ip } });
    const sprayer = await from('198.51.100.7');
    const neighbour = await from('198.51.100.8');
    try {
      const victim = newUser('ip-victim');
      await signUp(sprayer, victim);
      for (let i = 0; i < PER_IP; i++) {
        expect((await logIn(sprayer, { email: `nobody-${i}@example.test`, password: 'guessing away' })).status()).toBe(401);
      }
      const limited = await logIn(sprayer, victim);
      expect(limited.status()).toBe(429);
      const retryAfter = Number(limited.headers()['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_S);
      expect((await limited.json()).error.code).toBe('rate_limited');

      // The account itself is fine: from another address its owner signs in.
      expect((await logIn(neighbour, victim)).status()).toBe(200);

      await new Promise((r) => setTimeout(r, (retryAfter + 0.5) * 1000));
      expect((await logIn(sprayer, victim)).status()).toBe(200);
    } finally {
      await sprayer.dispose();
      await neighbour.dispose();
    }
  });
});

test('the sign-in form is size-checked before it is read, and spaces around the email do not dodge the limit', async ({ request }) => {
  const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
  const huge = await request.post('/api/auth/callback/credentials', {
    form: { email: 'a@example.test', password: 'x'.repeat(20_000), csrfToken, json: 'true' },
  });
  expect(huge.status()).toBe(413);
  expect((await huge.json()).error.code).toBe('payload_too_large');

  const user = newUser('padded');
  await signUp(request, user);
  for (let i = 0; i < E2E_LOGIN_LIMIT.perAccount; i++) {
    expect((await logIn(request, { email: user.email, password: 'definitely the wrong one' })).status()).toBe(401);
  }
  const padded = await logIn(request, { email: `  ${user.email.toUpperCase()} `, password: user.password });
  expect(padded.status()).toBe(429);
  expect(Number(padded.headers()['retry-after'])).toBeGreaterThan(0);
});
