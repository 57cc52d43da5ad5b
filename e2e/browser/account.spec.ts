import { expect, test, type BrowserContext } from '@playwright/test';
import { acceptTerms, logIn, newUser, signUp, type E2EUser } from '../fixtures';

// Issue 17 in a real browser: where you're signed in (and signing another browser out), changing the
// password, and deleting the account — each from Settings, as a user does it.

async function signedIn(context: BrowserContext, user: E2EUser) {
  await logIn(context.request, user);
  await acceptTerms(context.request);
  await logIn(context.request, user);
}

test('signing another browser out from the list lands it on the sign-in page at once; a password change says how many were signed out', async ({ browser }) => {
  const [a, b] = [await browser.newContext(), await browser.newContext()];
  try {
    const user = newUser('sessions');
    await signUp(a.request, user);
    await signedIn(a, user);
    await signedIn(b, user);
    const other = await b.newPage();
    await other.goto('/today');
    await expect(other.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');
    const { sessions } = await (await b.request.get('/api/me/sessions')).json();
    const theirs = sessions.find((s: { current: boolean }) => s.current).id as string;

    const page = await a.newPage();
    await page.goto('/settings');
    const list = page.getByRole('list', { name: 'Signed-in browsers' });
    await expect(list.locator('[data-current="true"]')).toContainText('This browser');
    const row = list.locator(`[data-session-id="${theirs}"]`);
    await expect(row).toContainText(/Chrom\w* \d+ on Linux/);
    await row.getByRole('button', { name: /^Sign out / }).click();
    await expect(page.getByRole('status').filter({ hasText: 'was signed out' })).toBeVisible();
    await expect(row).toHaveCount(0);

    // The other browser's stream closes; it learns it is signed out and leaves, without a reload or a click.
    await expect(other).toHaveURL(/\/login\?reason=signed-out/);
    await expect(other.getByRole('status')).toHaveText(/You were signed out/);

    // The password: a wrong current one is refused and said so; the right one signs out every other browser.
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill('a new long passphrase');
    await page.getByLabel('New password again').fill('a new long passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'That is not your current password' })).toBeVisible();
    await page.getByLabel('Current password').fill(user.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Password changed.' })).toBeVisible();
    await expect(page.getByLabel('Current password')).toHaveValue('');
    expect((await logIn(b.request, user)).status()).not.toBe(200);
    expect(await (await b.request.get('/api/me')).status()).toBe(401);
    expect((await logIn(b.request, { email: user.email, password: 'a new long passphrase' })).status()).toBe(200);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('deleting the account from Settings names what goes, asks for the password, and then nobody can sign in as it', async ({ browser }) => {
  const context = await browser.newContext();
  try {
    const user = newUser('delete');
    await signUp(context.request, user);
    // The terms can be declined: that signs out, and nothing is accepted.
    await logIn(context.request, user);
    const page = await context.newPage();
    await page.goto('/today');
    await page.getByRole('button', { name: 'Decline and sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    expect((await context.request.get('/api/me')).status()).toBe(401);
    await signedIn(context, user);
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Delete account…' }).click();
    const confirm = page.getByRole('form', { name: 'Confirm deleting your account' });
    await expect(confirm).toContainText('tasks and lists');
    await expect(confirm).toContainText('This cannot be undone');
    await confirm.getByLabel('Your password, to confirm').fill('wrong password');
    await confirm.getByRole('button', { name: 'Delete my account and data' }).click();
    await expect(confirm.getByRole('alert')).toHaveText('That is not your current password');
    await confirm.getByLabel('Your password, to confirm').fill(user.password);
    await confirm.getByRole('button', { name: 'Delete my account and data' }).click();
    await expect(page).toHaveURL(/\/login\?reason=deleted/);
    await expect(page.getByRole('status')).toHaveText('Your account and all its data have been deleted.');

    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /./ })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  } finally {
    await context.close();
  }
});

test('Settings offers the zone this device is set to when the account keeps another, and saves it once taken', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'America/New_York' });
  try {
    const user = newUser('zone');
    await signUp(context.request, user, 'Europe/Berlin');
    await signedIn(context, user);
    const page = await context.newPage();
    await page.goto('/settings');
    const zone = page.getByLabel('Time zone');
    await expect(zone).toHaveValue('Europe/Berlin');
    await expect(page.getByTestId('device-time-zone')).toHaveText(/This device is set to America\/New_York\./);

    await page.getByRole('button', { name: 'Use America/New_York' }).click();
    await expect(zone).toHaveValue('America/New_York');
    await expect(zone).toBeFocused();
    await expect(page.getByTestId('device-time-zone')).toHaveCount(0);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    expect((await (await context.request.get('/api/me')).json()).timezone).toBe('America/New_York');

    await page.reload();
    await expect(zone).toHaveValue('America/New_York');
    await expect(page.getByTestId('device-time-zone')).toHaveCount(0);
  } finally {
    await context.close();
  }
});
