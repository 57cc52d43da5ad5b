import { join } from 'node:path';
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { acceptTerms, logIn, newUser, signedInContext, signUp, type E2EUser } from '../fixtures';
import { createAdminWithCli } from '../admin-user';
import { startOwnServer, type OwnServer } from '../own-server';

const ADMIN_API = '/api/admin/';

/** Signs `request`'s cookie jar in as `user`, with the current terms accepted (the JWT caches that). */
async function signIn(request: APIRequestContext, user: E2EUser) {
  expect((await logIn(request, user)).status()).toBe(200);
  await acceptTerms(request);
  expect((await logIn(request, user)).status()).toBe(200);
}

/** Compresses every contract duration in this context (the admin contract has none: nothing may fire). */
async function compressTime(context: BrowserContext, scale: number) {
  await context.addInitScript((s) => localStorage.setItem('pos:sync-time-scale', String(s)), scale);
}

function countAdminRequests(page: Page): { count: () => number; reset: () => void } {
  let n = 0;
  page.on('request', (req) => {
    if (new URL(req.url()).pathname.startsWith(ADMIN_API)) n += 1;
  });
  return { count: () => n, reset: () => void (n = 0) };
}

async function setVisibility(page: Page, hidden: boolean) {
  await page.evaluate((isHidden) => {
    Object.defineProperty(document, 'visibilityState', { value: isHidden ? 'hidden' : 'visible', configurable: true });
    Object.defineProperty(document, 'hidden', { value: isHidden, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

const userRow = (page: Page, email: string) => page.locator(`[data-testid="admin-user"][data-email="${email}"]`);

test.describe('on the shared e2e server', () => {
  const admin = newUser('admin');
  test.beforeAll(() => {
    createAdminWithCli(join(process.env.E2E_DATA_DIR!, 'data'), admin);
  });

  test('an admin sees the users, finds one, changes their role and disables and enables their account', async ({ context, page, request }) => {
    const member = newUser('member');
    await signUp(request, member);
    await signIn(context.request, admin);

    await page.goto('/admin');
    await expect(page.getByRole('link', { name: 'Admin' }).first()).toBeVisible();
    await expect(page.getByTestId('admin-user').first()).toBeVisible();
    await expect(page.getByTestId('admin-contracts').locator('tbody tr')).toHaveCount(10);
    await expect(page.getByTestId('admin-contracts').locator('tr[data-refresh-key="admin"]')).toContainText('manual');
    await expect(page.getByTestId('admin-contracts').locator('tr[data-refresh-key="daily-plan"]')).toContainText('refetch if stale');
    await expect(page.getByTestId('admin-contracts').locator('tr[data-refresh-key="books"]')).toContainText('refetch after > 2 min away');
    await expect(page.getByTestId('metric-admins')).not.toHaveText('0');

    await page.getByLabel('Search users by email or name').fill(member.email.slice(0, -4).toUpperCase());
    await expect(page.getByTestId('admin-user')).toHaveCount(1);
    const row = userRow(page, member.email);
    await expect(row).toBeVisible();
    await expect(page.getByTestId('admin-users-count')).toHaveText(/^1 of \d+$/);

    // A role change asks first and says what it means; Cancel changes nothing.
    await row.getByLabel(`Role of ${member.email}`).selectOption('admin');
    const confirm = page.getByRole('group', { name: `Make ${member.email} an admin?` });
    await expect(confirm).toContainText('Admins see every account');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(row.getByLabel(`Role of ${member.email}`)).toHaveValue('user');
    await row.getByLabel(`Role of ${member.email}`).selectOption('admin');
    const patched = page.waitForResponse((res) => res.request().method() === 'PATCH' && res.url().includes(ADMIN_API));
    await page.getByRole('button', { name: 'Make admin' }).click();
    expect((await patched).status()).toBe(200);
    await expect(row.getByLabel(`Role of ${member.email}`)).toHaveValue('admin');
    await expect(page.getByTestId('admin-users-message')).toHaveText(`${member.email} is now an admin.`);
    const listed = await (await context.request.get(`/api/admin/users?q=${encodeURIComponent(member.email)}`)).json();
    expect(listed.users).toEqual([expect.objectContaining({ email: member.email, role: 'admin', disabledAt: null })]);

    await row.getByRole('button', { name: `Disable ${member.email}` }).click();
    await expect(row.getByTestId('admin-user-status')).toHaveText('Disabled');
    await row.getByRole('button', { name: `Enable ${member.email}` }).click();
    await expect(row.getByTestId('admin-user-status')).toHaveText('Active');

    await page.getByLabel('Search users by email or name').fill(admin.email);
    const self = userRow(page, admin.email);
    await expect(self).toContainText('(you)');
    await expect(self.getByLabel(`Role of ${admin.email}`)).toBeDisabled();
    await expect(self.getByRole('button', { name: `Disable ${admin.email}` })).toBeDisabled();

    await page.getByLabel('Search users by email or name').fill('no-such-user-anywhere');
    await expect(page.getByTestId('admin-users-empty')).toBeVisible();

    // The member's phone registers for pushes; the admin sees its token and, after the member removes it, why it is off.
    await signIn(request, member);
    const token = 'ab'.repeat(32);
    expect((await request.post('/api/device-tokens', { data: { token, platform: 'ios', environment: 'dev' } })).status()).toBe(200);
    await page.getByRole('button', { name: 'Refresh' }).click();
    const tokenRow = page.locator(`[data-testid="admin-device-token"][data-email="${member.email}"]`);
    await expect(tokenRow).toContainText('iOS (sandbox)');
    await expect(tokenRow.getByTestId('admin-token-state')).toHaveText('Active');
    await expect(tokenRow).toContainText('never');
    expect((await request.delete('/api/device-tokens', { data: { token } })).status()).toBe(200);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(tokenRow.getByTestId('admin-token-state')).toHaveText('Disabled (removed)');
    await page.getByLabel('Show').selectOption('active');
    await expect(tokenRow).toHaveCount(0);
    await page.getByLabel('Show').selectOption('disabled');
    await expect(tokenRow).toBeVisible();

    // Deleting an account asks first, names what goes, and then the member cannot sign in again.
    await page.getByLabel('Search users by email or name').fill(member.email);
    await userRow(page, member.email)
      .getByRole('button', { name: `Delete ${member.email}` })
      .click();
    const ask = page.getByRole('group', { name: `Delete ${member.email} and all their data?` });
    await expect(ask).toContainText('This cannot be undone');
    await ask.getByRole('button', { name: 'Delete account' }).click();
    await expect(page.getByTestId('admin-users-message')).toHaveText(`${member.email} and all their data were deleted.`);
    await expect(page.getByTestId('admin-users-empty')).toBeVisible();
    expect((await request.get('/api/me')).status()).toBe(401);
  });

  test('the admin page never refreshes by itself: no admin request for 10 s of compressed time, only on Refresh', async ({ context, page }) => {
    await signIn(context.request, admin);
    await compressTime(context, 0.01);
    const requests = countAdminRequests(page);
    await page.goto('/admin');
    await expect(page.getByTestId('metric-users')).toBeVisible();
    await expect(page.getByTestId('admin-terms-current')).toBeVisible();
    await expect(page.getByTestId('admin-user').first()).toBeVisible();
    await expect(page.getByTestId('admin-token-counts')).toBeVisible();
    await page.waitForTimeout(500);
    expect(requests.count()).toBe(4);
    requests.reset();

    // Focus, blur and visibility changes spread over 10 s: at 0.01 that is over 16 minutes of contract time.
    for (let i = 0; i < 4; i++) {
      await page.evaluate(() => window.dispatchEvent(new Event('blur')));
      await setVisibility(page, true);
      await page.waitForTimeout(1_250);
      await setVisibility(page, false);
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await page.mouse.move(10 + i, 10);
      await page.waitForTimeout(1_250);
    }
    expect(requests.count()).toBe(0);

    const at = await page.getByTestId('admin-metrics-at').textContent();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(requests.count).toBe(4);
    await page.waitForTimeout(1_000);
    expect(requests.count()).toBe(4);
    await expect(page.getByTestId('admin-metrics-at')).not.toHaveText(at!);
  });

  test('a normal user gets 403 from every admin API and sees no Admin link; nobody gets 401', async ({ context, page, request }) => {
    const user = await signedInContext(context, 'plain');
    const calls: [string, (r: APIRequestContext) => ReturnType<APIRequestContext['get']>][] = [
      ['GET users', (r) => r.get('/api/admin/users')],
      ['GET device tokens', (r) => r.get('/api/admin/device-tokens')],
      ['PATCH user', (r) => r.patch(`/api/admin/users/${user.id}`, { data: { role: 'admin' } })],
      ['GET terms', (r) => r.get('/api/admin/terms')],
      ['POST terms', (r) => r.post('/api/admin/terms', { data: { title: 'Mine', body: 'Mine' } })],
      ['GET metrics', (r) => r.get('/api/admin/metrics')],
    ];
    for (const [label, send] of calls) {
      expect((await send(context.request)).status(), label).toBe(403);
      expect((await send(request)).status(), `${label} without a session`).toBe(401);
    }

    await page.goto('/today');
    await expect(page.getByRole('link', { name: 'Today' }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
    await page.goto('/admin');
    await expect(page.getByText('Admins only')).toBeVisible();
  });
});

// Published terms are server-wide and every later sign-up would have to accept them, so this runs on
// its own node (the e2e build, a fresh data folder) and leaves the shared server's terms alone.
test.describe('publishing terms, on a server of its own', () => {
  let server: OwnServer | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    // Hashing as cheaply as the shared e2e servers do (decision 063): no claim here is about its cost.
    server = await startOwnServer({ TEST_SCRYPT_LOG_N: '10' }, 'passion-e2e-terms-');
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test('an admin publishes new terms, and a user who accepted the old ones must accept again', async ({ browser }) => {
    // Two browsers, a server of its own and three sign-ins: 35 s in a loaded whole-suite run, and
    // over 60 s in a slower one.
    test.setTimeout(120_000);
    const admin = newUser('terms-admin');
    const { url, dataDir } = server!;
    createAdminWithCli(dataDir, admin);
    const adminContext = await browser.newContext({ baseURL: url });
    const userContext = await browser.newContext({ baseURL: url });
    try {
      await signIn(adminContext.request, admin);
      const termsUser = await signedInContext(userContext, 'terms-user');
      expect(await (await userContext.request.get('/api/tos')).json()).toMatchObject({ terms: { version: 1 }, accepted: true });
      // The user's tab has checked the terms once this session and remembers it.
      const userPage = await userContext.newPage();
      await userPage.goto('/today');
      await expect(userPage.getByTestId('shell-user')).toBeVisible();

      const page = await adminContext.newPage();
      await page.goto('/admin');
      await expect(page.getByTestId('admin-terms-current')).toHaveText(/version 1 —/);
      // The form opens on request, with the focus in its first field; discarding it gives the focus back.
      const open = page.getByRole('button', { name: 'Publish new terms…' });
      await open.click();
      await expect(page.getByLabel('Title')).toBeFocused();
      await page.getByLabel('Title').fill('Draft');
      await page.getByRole('button', { name: 'Discard' }).click();
      await expect(open).toBeFocused();
      await open.click();
      await expect(page.getByLabel('Title')).toHaveValue('');
      await page.getByLabel('Title').fill('Terms of service, 2nd edition');
      await page.getByLabel('Terms', { exact: true }).fill('We changed a few things.\n\nPlease read them again.');
      await page.getByRole('button', { name: 'Review and publish' }).click();
      await page.getByRole('button', { name: 'Publish version 2' }).click();
      await expect(page.getByTestId('admin-terms-current')).toHaveText('Current: version 2 — Terms of service, 2nd edition');
      await expect(page.getByTestId('admin-terms-version')).toHaveCount(2);
      // Published, the form closes and the focus is back on its button.
      await expect(page.getByRole('form', { name: 'Publish new terms' })).toHaveCount(0);
      await expect(open).toBeFocused();

      expect(await (await userContext.request.get('/api/tos')).json()).toEqual({
        terms: { version: 2, title: 'Terms of service, 2nd edition', body: 'We changed a few things.\n\nPlease read them again.' },
        accepted: false,
      });
      // Signing in again in the same tab, the token says the current terms are not accepted: the tab
      // asks the server again and blocks, whatever it remembered from before.
      await userPage.getByRole('button', { name: 'Sign out' }).click();
      await expect(userPage).toHaveURL(/\/login/);
      await userPage.getByLabel('Email').fill(termsUser.email);
      await userPage.getByLabel('Password').fill(termsUser.password);
      await userPage.getByRole('button', { name: 'Sign in' }).click();
      await expect(userPage.getByRole('dialog')).toContainText('Terms of service, 2nd edition');

      expect((await userContext.request.post('/api/tos/accept', { data: { version: 1 } })).status()).toBe(400);
      expect((await userContext.request.post('/api/tos/accept', { data: { version: 2 } })).status()).toBe(200);
      expect((await (await userContext.request.get('/api/tos')).json()).accepted).toBe(true);
    } finally {
      await adminContext.close();
      await userContext.close();
    }
  });
});
