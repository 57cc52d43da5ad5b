import { expect, test } from '@playwright/test';
import { expectSignedOut, newUser, signedInContext } from '../fixtures';

test('sign up → accept terms → app shell → /api/me → sign out → sign in again', async ({ page }) => {
  const user = newUser('journey');
  await page.goto('/signup');
  await page.getByLabel('Name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByLabel('Time zone').selectOption('Europe/Paris');
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/today$/);
  await expect(page.getByRole('dialog')).toContainText('terms of service');
  await page.getByRole('button', { name: 'I accept the terms' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('shell-user')).toHaveText(user.name);
  for (const label of ['Focus', 'Today', 'Planner', 'Tasks', 'Quests', 'Habits', 'Progress', 'Books', 'Mood', 'Settings']) {
    await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: label })).toBeVisible();
  }
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);

  const me = await page.request.get('/api/me');
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: user.email, name: user.name, timezone: 'Europe/Paris' });

  await page.getByRole('link', { name: 'Settings' }).first().click();
  await expect(page.getByTestId('profile-email')).toHaveText(user.email);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expectSignedOut(page);
  expect((await page.request.get('/api/me')).status()).toBe(401);
  await page.goto('/today');
  await expectSignedOut(page);

  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill('wrong password here');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Wrong email or password.')).toBeVisible();
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/today$/);
  await expect(page.getByTestId('shell-user')).toHaveText(user.name);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test("a second user in another browser context never sees the first user's profile", async ({ browser }) => {
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  try {
    const a = await signedInContext(contextA, 'alice');
    const b = await signedInContext(contextB, 'bob');
    const pageA = await contextA.newPage();
    const pageB = await contextB.newPage();
    await pageA.goto('/settings');
    await pageB.goto('/settings');
    await expect(pageA.getByTestId('profile-email')).toHaveText(a.email);
    await expect(pageB.getByTestId('profile-email')).toHaveText(b.email);
    await expect(pageB.locator('body')).not.toContainText(a.email);
    await expect(pageB.locator('body')).not.toContainText(a.name);
    const meB = await (await pageB.request.get('/api/me')).json();
    expect(meB.id).toBe(b.id);
  } finally {
    await contextA.close();
    await contextB.close();
  }
});

test('signing out in one tab signs out the other tabs of the same browser', async ({ context }) => {
  await signedInContext(context, 'tabs');
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto('/today');
  await second.goto('/settings');
  await expect(second.getByTestId('profile-email')).toBeVisible();
  await first.getByRole('button', { name: 'Sign out' }).click();
  await expectSignedOut(first);
  await expectSignedOut(second);
});

test('the shell asks the server about the terms once per browser session, not on every page load', async ({ context, page }) => {
  await signedInContext(context, 'terms-once');
  const asked: string[] = [];
  context.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/tos') asked.push(r.url());
  });
  await page.goto('/today');
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeAttached();
  await expect.poll(() => asked.length).toBe(1);
  await page.goto('/habits');
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeAttached();
  await page.waitForTimeout(500);
  expect(asked).toHaveLength(1);

  // A new tab is a new browser session: it asks again, once.
  const other = await context.newPage();
  await other.goto('/today');
  await expect.poll(() => asked.length).toBe(2);
  await other.close();
});
