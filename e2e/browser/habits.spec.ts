import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { signedInContext } from '../fixtures';

const LIST = '/api/habits';

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

async function createHabit(page: Page, name: string, timesPerWeek?: number) {
  await page.getByRole('button', { name: 'New habit' }).click();
  await page.getByLabel('Name').fill(name);
  if (timesPerWeek) {
    await page.getByLabel('Some days a week').check();
    await page.getByLabel('Times a week').fill(String(timesPerWeek));
  }
  await page.getByRole('button', { name: 'Create habit' }).click();
  await expect(page.getByRole('article', { name })).toBeVisible();
  // The form gave way to the button that opened it, and the focus went back to it (not to the page).
  await expect(page.getByRole('button', { name: 'New habit' })).toBeFocused();
}

test('a person creates habits, logs today, undoes it, archives and deletes', async ({ context, page }) => {
  await signedInContext(context, 'habits');
  await page.goto('/habits');
  await expect(page.getByTestId('habits-empty')).toBeVisible();

  await createHabit(page, 'Drink water');
  const water = page.getByRole('article', { name: 'Drink water' });
  await expect(water.getByTestId('habit-streak')).toHaveText('No streak yet');
  await expect(water.locator('[data-logged]')).toHaveCount(0);

  const logged = reconciled(page, 'POST', '/log');
  await water.getByRole('button', { name: 'Done today: Drink water' }).click();
  const undo = water.getByRole('button', { name: 'Done today: Drink water' });
  await expect(undo).toHaveAttribute('aria-pressed', 'true');
  await expect(water.getByTestId('habit-streak')).toHaveText('1-day streak');
  await expect(water.locator('[data-logged]')).toHaveCount(1);
  await expect(page.getByTestId('habits-today')).toHaveText('1 of 1 done today');

  await logged;
  await page.reload();
  await expect(page.getByRole('article', { name: 'Drink water' }).getByTestId('habit-streak')).toHaveText('1-day streak');
  await page.getByRole('button', { name: 'Done today: Drink water' }).click();
  await expect(page.getByRole('button', { name: 'Done today: Drink water' })).toHaveAttribute('aria-pressed', 'false');
  await expect(water.getByTestId('habit-streak')).toHaveText('No streak yet');

  await createHabit(page, 'Go running', 3);
  const running = page.getByRole('article', { name: 'Go running' });
  await expect(running.getByTestId('habit-week-count')).toHaveText('0 of 3');
  await running.getByRole('button', { name: 'Done today: Go running' }).click();
  await expect(running.getByTestId('habit-week-count')).toHaveText('1 of 3');

  await running.getByRole('button', { name: 'Edit Go running' }).click();
  await page.getByLabel('Name').fill('Go for a run');
  await page.getByRole('button', { name: 'Save habit' }).click();
  const renamed = page.getByRole('article', { name: 'Go for a run' });
  await expect(renamed.getByTestId('habit-week-count')).toHaveText('1 of 3');

  await renamed.getByRole('button', { name: 'Archive Go for a run' }).click();
  await expect(page.getByText('Archived (1)')).toBeVisible();
  await page.getByText('Archived (1)').click();
  await page.getByRole('button', { name: 'Unarchive Go for a run' }).click();
  await expect(page.getByText('Archived (1)')).toHaveCount(0);

  await water.getByRole('button', { name: 'Delete Drink water' }).click();
  const deleted = reconciled(page, 'DELETE');
  await water.getByRole('button', { name: 'Delete habit' }).click();
  await expect(page.getByRole('article', { name: 'Drink water' })).toHaveCount(0);
  await deleted;
  await page.reload();
  await expect(page.getByRole('article', { name: 'Go for a run' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Drink water' })).toHaveCount(0);
});

test('logging today shows at once, before the server answers, and a refused log is rolled back with a message', async ({ context, page }) => {
  await signedInContext(context, 'habits-optimistic');
  await page.goto('/habits');
  await createHabit(page, 'Stretch');
  const card = page.getByRole('article', { name: 'Stretch' });

  // The first log is held back to show the optimistic change; the undo after it is refused.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  await page.route('**/api/habits/*/log', async (route) => {
    calls += 1;
    if (calls > 1) {
      await route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'unavailable', message: 'Try again soon' } }),
      });
      return;
    }
    await held;
    await route.continue();
  });
  await card.getByRole('button', { name: 'Done today: Stretch' }).click();
  await expect(card.getByTestId('habit-streak')).toHaveText('1-day streak', { timeout: 1_000 });
  const answered = page.waitForResponse((res) => res.url().endsWith('/log'));
  release();
  expect((await answered).status()).toBe(200);

  await card.getByRole('button', { name: 'Done today: Stretch' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Try again soon' })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Done today: Stretch' })).toHaveAttribute('aria-pressed', 'true');
  await expect(card.getByTestId('habit-streak')).toHaveText('1-day streak');
});

test('habits refetch on focus only after more than the threshold away', async ({ context, page }) => {
  await signedInContext(context, 'habits-focus');
  await compressTime(context, 0.05); // 1 min → 3 s
  const gets = countListGets(page);
  await page.goto('/habits');
  await expect(page.getByTestId('habits-empty')).toBeVisible();
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

test('past days are logged and undone from the history grid, by mouse and keyboard, and count in the streak', async ({ context, page, baseURL }) => {
  await signedInContext(context, 'habits-grid');
  await page.goto('/habits');
  await createHabit(page, 'Read');
  const card = page.getByRole('article', { name: 'Read' });
  const grid = card.getByRole('group', { name: /^Read: logged on \d+ of the last 12 weeks' days/ });
  const { today } = await (await context.request.get(LIST, { headers: { origin: baseURL! } })).json();
  const dayOf = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const day = (n: number) => grid.locator(`[data-day="${dayOf(n)}"]`);

  // Yesterday by a click: logged, and a streak that today may still extend.
  await day(1).click();
  await expect(day(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(card.getByTestId('habit-streak')).toHaveText('1-day streak');
  // Today by the keyboard: one tab stop on today, Enter logs it; the streak now counts yesterday too.
  await day(1).press('ArrowDown');
  await expect(day(0)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(day(0)).toHaveAttribute('aria-pressed', 'true');
  await expect(card.getByRole('button', { name: 'Done today: Read' })).toHaveAttribute('aria-pressed', 'true');
  await expect(card.getByTestId('habit-streak')).toHaveText('2-day streak');
  // A week back with the arrow keys, logged and undone.
  await day(0).press('ArrowLeft');
  await expect(day(7)).toBeFocused();
  await page.keyboard.press(' ');
  await expect(day(7)).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press(' ');
  await expect(day(7)).toHaveAttribute('aria-pressed', 'false');

  // The server holds what the grid shows, after the reconciling refetch.
  await expect.poll(async () => (await (await context.request.get(LIST)).json()).habits[0].history).toEqual([dayOf(1), today]);
  await expect(card.getByTestId('habit-streak')).toHaveText('2-day streak');
});
