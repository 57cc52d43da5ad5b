import { randomUUID } from 'node:crypto';
import { expect, test, type BrowserContext } from '@playwright/test';
import { addDays } from '../../lib/shared/days';
import { signedInContext } from '../fixtures';

const MIN = 60_000;

/** The user's local day: fixtures sign up in Europe/Berlin. */
const berlinDay = (at = Date.now()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

async function post(context: BrowserContext, url: string, data: unknown) {
  const res = await context.request.post(url, { data });
  expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
  return res.json();
}

/** A session a phone ended a while ago, uploaded through record sync; returns when it started, which decides its day. */
async function uploadEndedSession(
  context: BrowserContext,
  deviceId: string,
  status: 'completed' | 'abandoned',
  focusMinutes: number,
  endedAgoMin: number,
): Promise<number> {
  const endedAt = Date.now() - endedAgoMin * MIN;
  const startedAt = endedAt - focusMinutes * MIN;
  const data = { mode: 'focus', plannedMinutes: 25, status, startedAt, endedAt, focusMs: focusMinutes * MIN, taskTitle: `A ${status} session` };
  const result = await post(context, '/api/v1/sync/upload', {
    deviceId,
    changes: [{ entityType: 'focus_sessions', id: randomUUID(), data, updatedAt: endedAt, deleted: false }],
  });
  expect(result.conflicts).toEqual([]);
  return startedAt;
}

test('the cards agree with themselves: 12 logged of 12 asked is 100%, and abandoned or running sessions are no focus time', async ({ context, page }) => {
  await signedInContext(context, 'progress-truth');
  const today = berlinDay();

  // A daily habit logged on each of its 12 days (logged back from today), and a once-a-week habit
  // made today, which has asked for nothing yet.
  const daily = await post(context, '/api/habits', { name: 'Stretch', cadence: 'daily' });
  for (let i = 11; i >= 0; i--) await post(context, `/api/habits/${daily.id}/log`, { day: addDays(today, -i) });
  await post(context, '/api/habits', { name: 'Call home', cadence: 'weekly', timesPerWeek: 1 });

  // A completed 25-minute session, an abandoned 10-minute one, an abandoned one through the timer,
  // and one still running: only the first is focus time.
  const device = await post(context, '/api/devices', { label: 'Test phone', platform: 'ios' });
  const startedAt = await uploadEndedSession(context, device.id, 'completed', 25, 60);
  await uploadEndedSession(context, device.id, 'abandoned', 10, 20);
  await post(context, '/api/focus/start', { mode: 'focus', plannedMinutes: 25 });
  await post(context, '/api/focus/stop', { completed: false });
  await post(context, '/api/focus/start', { mode: 'focus', plannedMinutes: 25 });

  await page.goto('/progress');
  const habits = page.getByTestId('stat-habits');
  await expect(page.getByTestId('stat-habits-value')).toHaveText('100%');
  await expect(habits).toContainText('12 logged of 12 asked');
  await habits.getByText('How it’s counted').click();
  await expect(page.getByTestId('stat-habits-explain')).toContainText('Logs beyond what a habit asked do not count');

  await expect(page.getByTestId('stat-focus-value')).toHaveText('25 min');
  await expect(page.getByTestId('stat-focus-detail')).toHaveText('1 session');
  // Its row is the day it started: yesterday, when the suite runs in Berlin's first 85 minutes.
  const itsRow = page.getByTestId('focus-table').getByRole('row', { name: berlinDay(startedAt) });
  await expect(itsRow.getByRole('cell')).toHaveText('25');
  await expect(page.getByText(/The last 30 days, 25 minutes in all/)).toBeVisible();
});

test('Progress ends where its content ends: the hidden table takes no space and holds nothing to focus', async ({ context, page }) => {
  await signedInContext(context, 'progress-space');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/progress');
  await expect(page.getByTestId('stat-focus-value')).toHaveText('0 min');
  await expect(page.getByTestId('focus-table').getByRole('row')).toHaveCount(31);

  // The page scrolls in the shell's scroller, between the header and the bars at the foot.
  const { contentBottom, documentHeight, viewport } = await page.evaluate(() => {
    const scroller = document.querySelector('[data-testid="page-scroller"]')!;
    const last = [...document.querySelector('main')!.querySelectorAll('figure')].at(-1)!;
    return {
      contentBottom: last.getBoundingClientRect().bottom - scroller.getBoundingClientRect().top + scroller.scrollTop,
      documentHeight: scroller.scrollHeight,
      viewport: scroller.clientHeight,
    };
  });
  // Below the last card: the main area's padding, about 24 px; never a table's height.
  expect(documentHeight).toBeLessThanOrEqual(Math.max(viewport, contentBottom + 120));

  // The chart is hidden from assistive technology and the table stands in for it: neither takes focus.
  const focusable = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';
  await expect(page.getByTestId('focus-table').locator(focusable)).toHaveCount(0);
  await expect(page.getByTestId('focus-chart').locator(focusable)).toHaveCount(0);
});
