import { randomUUID } from 'node:crypto';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { signedInContext } from '../fixtures';

const PROGRESS = '/api/progress';
const MIN = 60_000;

/** Compresses every contract duration in this context: the 1 min focus threshold becomes 60 s × scale. */
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

/**
 * A focus session that a native client finished a minute ago, uploaded through record sync; returns
 * when it started, which decides its day (just after midnight in Berlin that is yesterday).
 */
async function uploadFinishedSession(context: BrowserContext, focusMinutes: number): Promise<number> {
  const device = await post(context, '/api/devices', { label: 'Test phone', platform: 'ios' });
  const endedAt = Date.now() - MIN;
  const startedAt = endedAt - focusMinutes * MIN;
  const data = { mode: 'focus', plannedMinutes: focusMinutes, status: 'completed', startedAt, endedAt, focusMs: focusMinutes * MIN, taskTitle: 'Deep work' };
  const result = await post(context, '/api/v1/sync/upload', {
    deviceId: device.id,
    changes: [{ entityType: 'focus_sessions', id: randomUUID(), data, updatedAt: endedAt, deleted: false }],
  });
  expect(result.conflicts).toEqual([]);
  return startedAt;
}

function countProgressGets(page: Page): { count: () => number; reset: () => void } {
  let n = 0;
  page.on('request', (req) => {
    if (req.method() === 'GET' && new URL(req.url()).pathname === PROGRESS) n += 1;
  });
  return { count: () => n, reset: () => void (n = 0) };
}

const leave = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('blur')));
const comeBack = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('focus')));

test('finished focus sessions show their minutes on the cards and on today’s bar', async ({ context, page }) => {
  await signedInContext(context, 'progress');
  await compressTime(context, 0.05); // 1 min → 3 s
  await page.goto('/progress');
  await expect(page.getByTestId('stat-focus-value')).toHaveText('0 min');
  await expect(page.getByTestId('stat-habits-value')).toHaveText('—');
  await expect(page.getByTestId('stat-level-value')).toHaveText('1');

  // One session through the timer API (seconds long) and one a phone finished earlier today.
  await post(context, '/api/focus/start', { mode: 'focus', plannedMinutes: 25 });
  await post(context, '/api/focus/stop', { completed: true });
  const startedAt = await uploadFinishedSession(context, 25);

  await leave(page);
  await page.waitForTimeout(3_500);
  await comeBack(page);
  await expect(page.getByTestId('stat-focus-value')).toHaveText('25 min');
  await expect(page.getByTestId('stat-focus')).toContainText('2 sessions');
  const itsRow = page.getByTestId('focus-table').getByRole('row', { name: berlinDay(startedAt) });
  await expect(itsRow.getByRole('cell')).toHaveText('25');
  await expect(page.getByTestId('focus-table').getByRole('row')).toHaveCount(31);
  // One bar has minutes: the day of the two sessions (25 minutes and one of seconds, counted as 0).
  await expect(page.getByTestId('focus-chart').locator('[data-value="25"]')).toHaveCount(1);
  await expect(page.getByTestId('focus-chart').locator('span:not([data-value="0"])')).toHaveCount(1);

  // The range: 7 days instead of 30 changes every chart and the cards' words, and is remembered.
  await post(context, '/api/mood/entries', { score: 7, activityIds: [] });
  const range = page.getByRole('radiogroup', { name: 'Show the last' });
  await range.getByRole('radio', { name: '7 days' }).click();
  await expect(page.getByTestId('focus-table').getByRole('row')).toHaveCount(8);
  await expect(page.getByTestId('stat-focus')).toContainText('Focus, last 7 days');
  await expect(page.getByTestId('habits-chart').locator('span')).toHaveCount(7);
  await expect(page.getByTestId('stat-mood-value')).toHaveText('7.0');
  await expect(page.getByRole('figure', { name: 'Mood per day' })).toContainText('Average 7.0 of 1 entries.');
  await range.getByRole('radio', { name: '90 days' }).click();
  await expect(page.getByTestId('reading-chart').locator('span')).toHaveCount(90);
  await page.reload();
  await expect(page.getByRole('radiogroup', { name: 'Show the last' }).getByRole('radio', { name: '90 days' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('focus-table').getByRole('row')).toHaveCount(91);
});

test('Progress refetches on focus only after more than a minute away', async ({ context, page }) => {
  await signedInContext(context, 'progress-focus');
  await compressTime(context, 0.05); // 1 min → 3 s
  const gets = countProgressGets(page);
  await page.goto('/progress');
  await expect(page.getByTestId('stat-focus-value')).toHaveText('0 min');
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
  await page.waitForTimeout(4_000);
  expect(gets.count()).toBe(1);
});
