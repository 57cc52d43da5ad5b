import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { instantAt, localDay } from '../../lib/shared/days';
import { signedInContext } from '../fixtures';

// The week is the browser's local week: run in a zone that is not UTC to prove it.
test.use({ timezoneId: 'Europe/Berlin' });

const EVENTS = '/api/planner/events?';

/** Compresses every contract duration in this context: 30 s becomes 30 s × scale. */
async function compressTime(context: BrowserContext, scale: number) {
  await context.addInitScript((s) => localStorage.setItem('pos:sync-time-scale', String(s)), scale);
}

function countEventRequests(page: Page): { count: () => number; reset: () => void } {
  let n = 0;
  page.on('request', (req) => {
    if (req.method() === 'GET' && req.url().includes(EVENTS)) n += 1;
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

/** Runs `action` and waits for the write it sends: the page is optimistic, so the UI alone does not say it has landed. */
async function andWaitFor(page: Page, method: string, action: () => Promise<void>) {
  const landed = page.waitForResponse((res) => res.request().method() === method && new URL(res.url()).pathname.startsWith('/api/planner/events'));
  await action();
  expect((await landed).status()).toBe(200);
}

/** The local days (YYYY-MM-DD) of the week on screen, Monday first. */
async function weekDayKeys(page: Page): Promise<string[]> {
  const ids = await page.locator('[data-testid^="planner-day-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!));
  return ids.map((id) => id.replace('planner-day-', ''));
}

test('adds an event, shows it in the week and the agenda, edits it, drags it to another day and deletes it', async ({ context, page }) => {
  await signedInContext(context, 'planner');
  await page.goto('/planner');
  await expect(page.getByTestId('planner-week')).toBeVisible();
  await expect(page.getByTestId('planner-empty')).toBeVisible();
  const days = await weekDayKeys(page);
  expect(days).toHaveLength(7);
  const [wednesday, friday] = [days[2], days[4]];

  // Add
  await page.getByRole('button', { name: 'Add event' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill('Team sync');
  await dialog.getByLabel('Starts').fill(`${wednesday}T10:00`);
  await dialog.getByLabel('Ends').fill(`${wednesday}T09:00`);
  await dialog.getByRole('button', { name: 'Add event' }).click();
  await expect(dialog.getByText('The end must be after the start')).toBeVisible();
  await dialog.getByLabel('Ends').fill(`${wednesday}T11:30`);
  await dialog.getByText('Blue', { exact: true }).click();
  await expect(dialog.getByRole('radio', { name: 'Blue' })).toBeChecked();
  // The server's answer is held, so the event stays pending while the keyboard reaches it.
  let answer!: () => void;
  const held = new Promise<void>((resolve) => (answer = resolve));
  await page.route('**/api/planner/events', async (route) => {
    if (route.request().method() === 'POST') await held;
    await route.continue();
  });
  await dialog.getByRole('button', { name: 'Add event' }).click();
  await expect(dialog).toBeHidden();
  const inWednesday = page.getByTestId(`planner-day-${wednesday}`).getByRole('button', { name: /Team sync/ });
  await expect(inWednesday).toBeVisible();
  await expect(page.getByTestId('planner-empty')).toBeHidden();
  // It opens once the server has it; until then it says it cannot (aria-disabled). The saved event
  // takes the pending one's place: what had the focus keeps it.
  await expect(inWednesday).toHaveAttribute('aria-disabled', 'true');
  await inWednesday.focus();
  answer();
  await expect(inWednesday).toBeEnabled();
  await expect(inWednesday).toBeFocused();
  await page.unroute('**/api/planner/events');

  // Agenda
  await page.getByRole('radio', { name: 'Agenda' }).click();
  await expect(page.getByTestId(`planner-agenda-${wednesday}`)).toContainText('Team sync');
  await page.getByRole('radio', { name: 'Week' }).click();

  // Edit (the keyboard way: focus the event and press Enter)
  await inWednesday.focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('Title')).toHaveValue('Team sync');
  await expect(dialog.getByLabel('Starts')).toHaveValue(`${wednesday}T10:00`);
  await dialog.getByLabel('Title').fill('Team sync: planning');
  await dialog.getByLabel('Notes').fill('Bring the roadmap');
  await dialog.getByRole('button', { name: 'Save event' }).click();
  await expect(page.getByTestId(`planner-day-${wednesday}`).getByRole('button', { name: /Team sync: planning/ })).toBeVisible();

  // Drag to Friday, same time
  const block = page.getByTestId(`planner-day-${wednesday}`).getByRole('button', { name: /Team sync: planning/ });
  const from = (await block.boundingBox())!;
  const target = (await page.getByTestId(`planner-day-${friday}`).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + 10);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, from.y + 10, { steps: 12 });
  await andWaitFor(page, 'PATCH', () => page.mouse.up());
  await expect(page.getByTestId(`planner-day-${friday}`).getByRole('button', { name: /Team sync: planning/ })).toBeVisible();
  await expect(page.getByTestId(`planner-day-${wednesday}`).getByRole('button', { name: /Team sync/ })).toHaveCount(0);
  await expect(page.getByRole('dialog')).toBeHidden();

  // The move reached the server: a reload shows it on Friday, still 10:00–11:30.
  await page.reload();
  const moved = page.getByTestId(`planner-day-${friday}`).getByRole('button', { name: /Team sync: planning/ });
  await expect(moved).toBeVisible();
  await moved.click();
  await expect(dialog.getByLabel('Starts')).toHaveValue(`${friday}T10:00`);
  await expect(dialog.getByLabel('Ends')).toHaveValue(`${friday}T11:30`);
  await expect(dialog.getByLabel('Notes')).toHaveValue('Bring the roadmap');

  // Delete
  await andWaitFor(page, 'DELETE', () => dialog.getByRole('button', { name: 'Delete event' }).click());
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: /Team sync/ })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('planner-empty')).toBeVisible();
});

test('an event of 30 minutes shows its title and time in its block, nothing cut off', async ({ context, page, baseURL }) => {
  await signedInContext(context, 'planner-short');
  // Today is always in the week the page opens on.
  const today = localDay(Date.now(), 'Europe/Berlin');
  const startsAt = instantAt(today, '10:00', 'Europe/Berlin');
  const res = await context.request.post('/api/planner/events', {
    data: { title: 'Stand-up', startsAt, endsAt: startsAt + 30 * 60_000 },
    headers: { origin: baseURL! },
  });
  expect(res.ok()).toBe(true);
  await page.goto('/planner');
  const block = page.getByTestId(`planner-day-${today}`).getByRole('button', { name: /^Stand-up 10:00/ });
  await expect(block).toContainText('Stand-up');
  await expect(block).toContainText('10:00');
  // The block clips what does not fit: its content must be no taller than the block.
  expect(await block.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(0);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' });

  test('the agenda keeps each time range on one line, and a day’s titles in one column', async ({ context, page, baseURL }) => {
    await signedInContext(context, 'planner-agenda-phone');
    const today = localDay(Date.now(), 'Europe/Berlin');
    for (const [title, from, to] of [
      ['Dentist', '00:00', '01:00'],
      ['Planning', '10:30', '12:00'],
    ]) {
      const data = { title, startsAt: instantAt(today, from, 'Europe/Berlin'), endsAt: instantAt(today, to, 'Europe/Berlin') };
      expect((await context.request.post('/api/planner/events', { data, headers: { origin: baseURL! } })).ok()).toBe(true);
    }
    await page.goto('/planner');
    await page.getByRole('radio', { name: 'Agenda' }).click();
    const rows = page.getByTestId('planner-agenda-event');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('12:00 AM');
    const layout = await rows.evaluateAll((buttons) =>
      buttons.map((b) => {
        const [time, title] = Array.from(b.children) as HTMLElement[];
        return {
          lines: Math.round(time.getBoundingClientRect().height / parseFloat(getComputedStyle(time).lineHeight)),
          titleX: title.getBoundingClientRect().x,
        };
      }),
    );
    expect(layout.map((row) => row.lines)).toEqual([1, 1]);
    expect(layout[0].titleX).toBe(layout[1].titleX);
  });
});

test('adds an all-day event and moves between weeks with previous, next and today', async ({ context, page }) => {
  await signedInContext(context, 'planner-weeks');
  await page.goto('/planner');
  await expect(page.getByTestId('planner-week')).toBeVisible();
  const thisWeek = await page.getByTestId('planner-range').textContent();
  const days = await weekDayKeys(page);

  await page.getByRole('button', { name: 'Add event' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill('Conference');
  await dialog.getByLabel('All day').check();
  await dialog.getByLabel('First day').fill(days[1]);
  await dialog.getByLabel('Last day').fill(days[2]);
  await dialog.getByRole('button', { name: 'Add event' }).click();
  await expect(page.getByTestId(`planner-all-day-${days[1]}`)).toContainText('Conference');
  await expect(page.getByTestId(`planner-all-day-${days[2]}`)).toContainText('Conference');
  await expect(page.getByTestId(`planner-all-day-${days[3]}`)).not.toContainText('Conference');

  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(page.getByTestId('planner-range')).not.toHaveText(thisWeek!);
  await expect(page.getByText('Conference')).toHaveCount(0);
  await page.getByRole('button', { name: 'Previous week' }).click();
  await page.getByRole('button', { name: 'Previous week' }).click();
  await expect(page.getByText('Conference')).toHaveCount(0);
  await page.getByRole('button', { name: 'Today' }).click();
  await expect(page.getByTestId('planner-range')).toHaveText(thisWeek!);
  await expect(page.getByTestId(`planner-all-day-${days[1]}`)).toContainText('Conference');
});

test('polls /api/planner/events while visible, stops while the page is hidden and resumes when it is shown', async ({ context, page }) => {
  await signedInContext(context, 'planner-poll');
  await compressTime(context, 0.05); // 30 s → 1.5 s (60 s → 3 s once idle)
  await page.goto('/planner');
  await expect(page.getByTestId('planner-week')).toBeVisible();
  const requests = countEventRequests(page);

  await page.mouse.move(10, 10);
  await page.waitForTimeout(1_000);
  requests.reset();
  await page.waitForTimeout(6_000);
  expect(requests.count()).toBeGreaterThanOrEqual(3);
  expect(requests.count()).toBeLessThanOrEqual(6);

  await setVisibility(page, true);
  await page.waitForTimeout(500); // a poll already on the wire may still land
  requests.reset();
  await page.waitForTimeout(6_000);
  expect(requests.count()).toBe(0);

  await page.mouse.move(20, 20);
  await setVisibility(page, false);
  await page.waitForTimeout(6_000);
  // Stale on return, so it refetches at once, then polls again.
  expect(requests.count()).toBeGreaterThanOrEqual(3);
});
