import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { acceptTerms, logIn, newUser, signedInContext, signUp } from '../fixtures';

const LIST = '/api/quests';

/** Compresses every contract duration in this context: the 1 min focus threshold becomes 60 s × scale. */
async function compressTime(context: BrowserContext, scale: number) {
  await context.addInitScript((s) => localStorage.setItem('pos:sync-time-scale', String(s)), scale);
}

function countListGets(page: Page): { count: () => number; reset: () => void } {
  let n = 0;
  page.on('request', (req) => {
    if (req.method() === 'GET' && new URL(req.url()).pathname === LIST) n += 1;
  });
  return {
    count: () => n,
    reset: () => {
      n = 0;
    },
  };
}

/** The list's answer after a write's answer: an optimistic write is settled once its reconciling refetch is back. */
function reconciled(page: Page, method: string, suffix = '') {
  let written = false;
  return page.waitForResponse((res) => {
    const { pathname } = new URL(res.url());
    if (res.request().method() === method && pathname.startsWith(`${LIST}/`) && pathname.endsWith(suffix)) written = true;
    return written && res.request().method() === 'GET' && pathname === LIST;
  });
}

const leave = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('blur')));
const comeBack = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('focus')));

async function createQuest(page: Page, title: string, target: number, xp: number, deadline?: string) {
  await page.getByRole('button', { name: 'New quest' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Target').fill(String(target));
  await page.getByLabel('XP reward').fill(String(xp));
  if (deadline) await page.getByLabel('Deadline').fill(deadline);
  await page.getByRole('button', { name: 'Create quest' }).click();
  await expect(page.getByRole('article', { name: title })).toBeVisible();
}

test('a person creates a quest, moves it forward, completes it for XP, reopens, edits and deletes it', async ({ context, page }) => {
  await signedInContext(context, 'quests');
  await page.goto('/quests');
  await expect(page.getByTestId('quests-empty')).toBeVisible();

  await page.getByRole('button', { name: 'New quest' }).click();
  await page.getByLabel('Title').fill('   ');
  await page.getByRole('button', { name: 'Create quest' }).click();
  await expect(page.getByText('Give the quest a title')).toBeVisible();
  await page.getByLabel('Title').fill('Swim three times');
  await page.getByLabel('Target').fill('3');
  await page.getByLabel('XP reward').fill('120');
  await page.getByLabel('Deadline').fill('2020-01-31');
  await page.getByRole('button', { name: 'Create quest' }).click();

  const card = page.getByRole('article', { name: 'Swim three times' });
  await expect(card.getByTestId('quest-progress')).toHaveText('0 / 3');
  await expect(card.getByTestId('quest-overdue')).toContainText('Overdue');

  await card.getByRole('button', { name: 'Add 1 to Swim three times' }).click();
  await expect(card.getByTestId('quest-progress')).toHaveText('1 / 3');
  await card.getByRole('button', { name: 'Set progress' }).click();
  await card.getByLabel('Progress', { exact: true }).fill('2');
  await card.getByLabel('Progress', { exact: true }).press('Enter');
  await expect(card.getByTestId('quest-progress')).toHaveText('2 / 3');

  const completed = reconciled(page, 'POST', '/complete');
  await card.getByRole('button', { name: 'Complete', exact: true }).click();
  await expect(card.getByTestId('quest-progress')).toHaveText('3 / 3');
  await expect(page.getByTestId('xp-total')).toHaveText('120');
  await expect(page.getByTestId('xp-level')).toHaveText('2');
  await expect(card.getByTestId('quest-overdue')).toHaveCount(0);

  await completed;
  await page.reload();
  await expect(page.getByTestId('xp-total')).toHaveText('120');
  await page.getByRole('article', { name: 'Swim three times' }).getByRole('button', { name: 'Reopen' }).click();
  await expect(page.getByTestId('xp-total')).toHaveText('0');

  await page.getByRole('button', { name: 'Edit Swim three times' }).click();
  await page.getByLabel('Title').fill('Swim four times');
  await page.getByLabel('Target').fill('4');
  await page.getByRole('button', { name: 'Save quest' }).click();
  const renamed = page.getByRole('article', { name: 'Swim four times' });
  await expect(renamed.getByTestId('quest-progress')).toHaveText('3 / 4');

  await renamed.getByRole('button', { name: 'Delete Swim four times' }).click();
  const deleted = reconciled(page, 'DELETE');
  await renamed.getByRole('button', { name: 'Delete quest' }).click();
  await expect(page.getByTestId('quests-empty')).toBeVisible();
  await deleted;
  await page.reload();
  await expect(page.getByTestId('quests-empty')).toBeVisible();
});

test('progress and completion show at once, before the server answers, and a refusal is rolled back with a message', async ({ context, page }) => {
  await signedInContext(context, 'quests-optimistic');
  await page.goto('/quests');
  await createQuest(page, 'Write daily', 5, 40);
  const card = page.getByRole('article', { name: 'Write daily' });

  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/quests/*/progress', async (route) => {
    await held;
    await route.continue();
  });
  await card.getByRole('button', { name: 'Add 1 to Write daily' }).click();
  await expect(card.getByTestId('quest-progress')).toHaveText('1 / 5', { timeout: 1_000 });
  const answered = page.waitForResponse((res) => res.url().endsWith('/progress'));
  release();
  expect((await answered).status()).toBe(200);

  await page.route('**/api/quests/*/complete', (route) =>
    route.fulfill({
      status: 409,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'conflict', message: 'Someone else got there first' } }),
    }),
  );
  await card.getByRole('button', { name: 'Complete', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Someone else got there first' })).toBeVisible();
  await expect(card.getByTestId('quest-progress')).toHaveText('1 / 5');
  await expect(page.getByTestId('xp-total')).toHaveText('0');
});

test('quests refetch on focus only after more than the threshold away', async ({ context, page }) => {
  await signedInContext(context, 'quests-focus');
  await compressTime(context, 0.05); // 1 min → 3 s
  const gets = countListGets(page);
  await page.goto('/quests');
  await expect(page.getByTestId('quests-empty')).toBeVisible();
  await page.waitForTimeout(500);
  gets.reset();

  await leave(page);
  await page.waitForTimeout(1_000);
  await comeBack(page);
  await page.waitForTimeout(1_000);
  expect(gets.count()).toBe(0);

  await leave(page);
  await page.waitForTimeout(3_500);
  await comeBack(page);
  await expect.poll(gets.count).toBe(1);
  await page.waitForTimeout(1_000);
  expect(gets.count()).toBe(1);
});

test('a quest completed on another device shows once the person comes back after the threshold', async ({ browser }) => {
  const user = newUser('quests-devices');
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  try {
    await signUp(laptop.request, user);
    for (const ctx of [laptop, phone]) {
      await logIn(ctx.request, user);
      await acceptTerms(ctx.request);
      await logIn(ctx.request, user);
    }
    await compressTime(laptop, 0.05);
    const onLaptop = await laptop.newPage();
    await onLaptop.goto('/quests');
    await createQuest(onLaptop, 'Ship the release', 1, 300);
    await leave(onLaptop);

    const onPhone = await phone.newPage();
    await onPhone.goto('/quests');
    await onPhone.getByRole('article', { name: 'Ship the release' }).getByRole('button', { name: 'Complete', exact: true }).click();
    await expect(onPhone.getByTestId('xp-total')).toHaveText('300');

    await onLaptop.waitForTimeout(3_500);
    await comeBack(onLaptop);
    await expect(onLaptop.getByTestId('xp-total')).toHaveText('300');
    await expect(onLaptop.getByRole('article', { name: 'Ship the release' }).getByRole('button', { name: 'Reopen' })).toBeVisible();
  } finally {
    await laptop.close();
    await phone.close();
  }
});
