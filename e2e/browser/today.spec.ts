import { randomUUID } from 'node:crypto';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { TaskDocument, type OpEnvelope } from '../../lib/shared/crdt';
import { signedInContext } from '../fixtures';

const TODAY = '/api/plan/today';
const MIN = 60_000;

/** Compresses every contract duration in this context: Today's 5 min staleness becomes 5 min × scale. */
async function compressTime(context: BrowserContext, scale: number) {
  await context.addInitScript((s) => localStorage.setItem('pos:sync-time-scale', String(s)), scale);
}

/** The user's local day: fixtures sign up in Europe/Berlin. */
const berlinDay = (at = Date.now()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

async function post(context: BrowserContext, url: string, data: unknown) {
  const res = await context.request.post(url, { data });
  expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
  return res.json();
}

/** Creates tasks due today through the op log, as the Tasks page of another device would. */
async function addDueTasks(context: BrowserContext, titles: string[]) {
  const doc = new TaskDocument({ actor: randomUUID() });
  const list = doc.createList('Inbox');
  const ops: OpEnvelope[] = [list, ...titles.map((title) => doc.addTask(list.payload.listId, { title, dueDay: berlinDay() }))];
  await post(context, '/api/sync/push', { clientId: randomUUID(), ops });
}

function countTodayGets(page: Page): { count: () => number; reset: () => void } {
  let n = 0;
  page.on('request', (req) => {
    if (req.method() === 'GET' && new URL(req.url()).pathname === TODAY) n += 1;
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

/**
 * Runs `action` and waits for the write it sends: the checkbox is optimistic, so the UI alone does
 * not say it has landed. A task item is ticked through the tasks sync, like any task edit.
 */
async function andWaitForPush(page: Page, action: () => Promise<void>) {
  const landed = page.waitForResponse((res) => res.request().method() === 'POST' && /\/api\/(tasks\/sync|sync\/push)/.test(res.url()));
  await action();
  expect((await landed).status()).toBe(200);
}

const kinds = (page: Page) => page.getByTestId('plan-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));

test('builds a plan from a due task, a habit and an event; a checked item stays checked when the plan is regenerated', async ({ context, page }) => {
  await signedInContext(context, 'today');
  await addDueTasks(context, ['Write the report']);
  await post(context, '/api/habits', { name: 'Stretch', cadence: 'daily' });
  const now = Date.now();
  await post(context, '/api/planner/events', { title: 'Team sync', startsAt: now, endsAt: now + 30 * MIN });

  await page.goto('/today');
  await expect(page.getByTestId('plan-none')).toBeVisible();
  await page.getByLabel('Focus goal (minutes)').fill('60');
  await page.getByRole('button', { name: 'Generate plan' }).click();
  await expect(page.getByTestId('plan-item')).toHaveCount(4);
  expect(await kinds(page)).toEqual(['event', 'task', 'habit', 'focus']);
  await expect(page.getByRole('checkbox', { name: 'Team sync' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Focus for 60 minutes' })).toBeVisible();

  const report = page.getByRole('checkbox', { name: 'Write the report' });
  await andWaitForPush(page, () => report.click());
  await expect(report).toBeChecked();
  await expect(page.getByTestId('plan-progress')).toHaveText('1 of 4 done');

  await addDueTasks(context, ['Call the bank']);
  await page.getByRole('button', { name: 'Regenerate plan' }).click();
  await expect(page.getByTestId('plan-item')).toHaveCount(5);
  expect(await kinds(page)).toEqual(['event', 'task', 'habit', 'focus', 'task']);
  await expect(page.getByRole('checkbox', { name: 'Call the bank' })).not.toBeChecked();
  await expect(report).toBeChecked();
  await expect(page.getByTestId('plan-progress')).toHaveText('1 of 5 done');

  // Another device sees the same plan, checked item included.
  const other = await context.newPage();
  await other.goto('/today');
  await expect(other.getByRole('checkbox', { name: 'Write the report' })).toBeChecked();
  await expect(other.getByTestId('plan-item')).toHaveCount(5);

  await andWaitForPush(page, () => report.click());
  await expect(report).not.toBeChecked();
  await expect(page.getByTestId('plan-progress')).toHaveText('0 of 5 done');
});

test('checking an item off shows at once, and a refused write is rolled back with a message', async ({ context, page }) => {
  await signedInContext(context, 'today-optimistic');
  await post(context, '/api/habits', { name: 'Drink water', cadence: 'daily' });
  await page.goto('/today');
  await page.getByRole('button', { name: 'Generate plan' }).click();
  const water = page.getByRole('checkbox', { name: 'Drink water' });
  await expect(water).not.toBeChecked();

  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let refuse: () => void = () => {};
  const refusal = new Promise<void>((resolve) => (refuse = resolve));
  // A habit item is ticked by logging the habit, through the habits API.
  await page.route('**/api/habits/*/log', async (route) => {
    if (route.request().method() === 'DELETE') {
      await refusal;
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
  // click(), not check(): the optimistic change lands after the mutation's async onMutate.
  await water.click();
  await expect(water).toBeChecked({ timeout: 1_000 });
  await expect(page.getByTestId('plan-progress')).toHaveText('1 of 1 done');
  const answered = page.waitForResponse((res) => res.url().endsWith('/log'));
  release();
  expect((await answered).status()).toBe(200);

  // Unchecked at once; the refusal is held until that is seen, then rolls it back.
  await water.click();
  await expect(water).not.toBeChecked({ timeout: 1_000 });
  refuse();
  await expect(page.getByRole('status').filter({ hasText: 'Try again soon' })).toBeVisible();
  await expect(water).toBeChecked();
});

test('shows a due check-in with a link to the Mood page', async ({ context, page }) => {
  await signedInContext(context, 'today-checkin');
  await post(context, '/api/mood/schedules', { kind: 'mood-check', cadence: 'daily', nextDueAt: Date.now() - MIN });
  await page.goto('/today');
  const card = page.getByTestId('due-checkins');
  await expect(card).toContainText('Mood check');
  await page.getByRole('button', { name: 'Generate plan' }).click();
  // The item is done by taking the check-in, not by ticking it here.
  await expect(page.getByRole('checkbox', { name: 'Mood check' })).toBeDisabled();
  await card.getByRole('link', { name: 'Take the check-in' }).click();
  await expect(page).toHaveURL(/\/mood$/);
});

test('Today refetches when it becomes visible only once its data is older than the staleness window, and never polls', async ({ context, page }) => {
  await signedInContext(context, 'today-visibility');
  await compressTime(context, 0.01); // 5 min → 3 s
  const gets = countTodayGets(page);
  await page.goto('/today');
  await expect(page.getByTestId('plan-none')).toBeVisible();
  await page.waitForTimeout(300);
  expect(gets.count()).toBe(1);
  gets.reset();

  // Hidden briefly: still fresh when visible again, so no request.
  await setVisibility(page, true);
  await page.waitForTimeout(500);
  await setVisibility(page, false);
  await page.waitForTimeout(1_000);
  expect(gets.count()).toBe(0);

  // Hidden past the window: one refetch on becoming visible.
  await setVisibility(page, true);
  await page.waitForTimeout(3_500);
  expect(gets.count()).toBe(0);
  await setVisibility(page, false);
  await expect.poll(gets.count).toBe(1);

  // Visible and untouched for longer than the window: no polling.
  await page.waitForTimeout(4_000);
  expect(gets.count()).toBe(1);
});
