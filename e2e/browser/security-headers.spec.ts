import { expect, test, type BrowserContext, type Page, type Response } from '@playwright/test';
import { signedInContext } from '../fixtures';

const HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

interface Problems {
  violations: () => Promise<string[]>;
  consoleErrors: string[];
}

/** Records every CSP violation (from before the first script runs) and every console error. */
async function watchProblems(context: BrowserContext, page: Page): Promise<Problems> {
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`${page.url()}: ${err.message}`));
  return {
    consoleErrors,
    violations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
  };
}

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  for (const [name, value] of Object.entries(HEADERS)) expect(headers[name], `${name} on ${what}`).toBe(value);
}

test('the CSP lets /login, /signup, /today and /focus (with its blob Worker clock) run without a violation', async ({ context, page }) => {
  const problems = await watchProblems(context, page);
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  // The first page's scripts come from the network (no service worker controls it yet).
  const scripts: Response[] = [];
  page.on('response', (res) => {
    if (/\/_next\/static\/.+\.js(\?|$)/.test(res.url())) scripts.push(res);
  });

  const login = await page.goto('/login');
  const csp = login!.headers()['content-security-policy'];
  for (const directive of [
    "default-src 'self'",
    "frame-ancestors 'none'",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
  ]) {
    expect(csp).toContain(directive);
  }
  expect(csp).not.toContain('unsafe-eval');
  expectSecurityHeaders(login!.headers(), '/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  expect(await problems.violations()).toEqual([]);

  // The build's scripts: brotli from npm start's edge (decision 061), nosniff, no document header.
  const scriptHeaders = await Promise.all(scripts.map(async (res) => ({ url: res.url(), headers: await res.allHeaders() })));
  expect(scriptHeaders.filter((s) => s.headers['content-encoding'] === 'br').length).toBeGreaterThan(0);
  for (const { url, headers } of scriptHeaders) {
    expect(headers['x-content-type-options'], url).toBe('nosniff');
    for (const name of ['content-security-policy', 'x-frame-options', 'permissions-policy', 'referrer-policy'])
      expect(headers[name], `${name} on ${url}`).toBeUndefined();
    if (headers['content-encoding'] === 'br') {
      expect(headers.vary, url).toBe('Accept-Encoding');
      expect(headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
      expect(headers['content-type'], url).toBe('application/javascript; charset=UTF-8');
    }
  }

  await page.goto('/signup');
  await expect(page.getByRole('button', { name: 'Create account' })).toBeEnabled();
  expect(await problems.violations()).toEqual([]);

  await signedInContext(context, 'csp');
  await page.goto('/today');
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  expect(await problems.violations()).toEqual([]);

  await page.goto('/focus');
  await page.getByLabel('What will you work on?').fill('Policy-abiding focus');
  await page.getByRole('button', { name: 'Start focus session' }).click();
  await expect(page.getByTestId('focus-task')).toHaveText('Policy-abiding focus');
  await expect.poll(() => workers.filter((url) => url.startsWith('blob:')).length).toBeGreaterThan(0);
  // Violation reports are queued as tasks: give the last ones time to land.
  await page.waitForTimeout(500);
  expect(await problems.violations()).toEqual([]);
  // Chrome also logs every refusal ("Refused to … because it violates the … Content Security Policy").
  const refused = problems.consoleErrors.filter((m) => /Content Security Policy|Refused to /.test(m));
  expect(refused).toEqual([]);
  const others = problems.consoleErrors.filter((m) => !refused.includes(m));
  if (others.length) test.info().annotations.push({ type: 'console errors unrelated to the CSP', description: others.join('\n') });
});

test('API responses and the bare-node event stream carry the security headers too', async ({ context, page }) => {
  const health = await context.request.get('/api/health');
  expect(health.status()).toBe(200);
  expectSecurityHeaders(health.headers(), '/api/health');
  expect(health.headers()['content-security-policy']).toContain("default-src 'self'");

  // The service worker's script is not a build static file: a worker's CSP comes from its script's response.
  const worker = await context.request.get('/serwist/sw.js');
  expect(worker.status()).toBe(200);
  expectSecurityHeaders(worker.headers(), '/serwist/sw.js');
  expect(worker.headers()['content-security-policy']).toBe(health.headers()['content-security-policy']);

  const unauthenticated = await context.request.get('/api/me');
  expect(unauthenticated.status()).toBe(401);
  expectSecurityHeaders(unauthenticated.headers(), '401 from /api/me');

  await signedInContext(context, 'csp-api');
  await page.goto('/today');
  // /api/events is served by scripts/server.ts outside Next: read its headers, then hang up.
  const stream = await page.evaluate(async () => {
    const abort = new AbortController();
    const res = await fetch('/api/events?deviceId=security-headers-spec', { signal: abort.signal });
    const headers = Object.fromEntries(res.headers.entries());
    abort.abort();
    return { status: res.status, headers };
  });
  expect(stream.status).toBe(200);
  expect(stream.headers['content-type']).toContain('text/event-stream');
  expectSecurityHeaders(stream.headers, '/api/events');
});
