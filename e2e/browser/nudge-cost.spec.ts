import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { signedInContext } from '../fixtures';

// DESIGN.md "Realtime": a nudge costs one fetch per browser, not per tab — the query's leader tab
// refetches and relays the answer to the others over BroadcastChannel.

const HABITS = '/api/habits';

/** Every GET of `path` made by the pages of `context`, by page. */
function countGets(context: BrowserContext, path: string) {
  const hits: Page[] = [];
  context.on('request', (req) => {
    if (req.method() === 'GET' && new URL(req.url()).pathname === path) hits.push(req.frame().page());
  });
  return { total: () => hits.length, reset: () => void hits.splice(0) };
}

/** A write made on the user's phone: another device id, so the browser is nudged. */
async function createHabitOnPhone(context: BrowserContext, origin: string, name: string) {
  const res = await context.request.post(HABITS, { data: { name, cadence: 'daily' }, headers: { origin, 'x-device-id': 'ios-phone' } });
  expect(res.status(), await res.text()).toBe(201);
}

async function openTabs(context: BrowserContext, n: number, path: string): Promise<Page[]> {
  const pages: Page[] = [];
  for (let i = 0; i < n; i++) {
    const page = await context.newPage();
    await page.goto(path);
    pages.push(page);
  }
  for (const page of pages) await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');
  return pages;
}

for (const tabs of [1, 3]) {
  test(`${tabs} tab(s) of one browser on /habits: a change made on another device costs exactly one GET ${HABITS}`, async ({ context }) => {
    await signedInContext(context, 'nudge');
    const pages = await openTabs(context, tabs, '/habits');
    for (const page of pages) await expect(page.getByTestId('habits-empty')).toBeVisible();
    const gets = countGets(context, HABITS);
    // Whatever the tabs fetched while opening is settled before the change is made.
    await pages[0].waitForTimeout(1_000);
    gets.reset();

    await createHabitOnPhone(context, new URL(pages[0].url()).origin, 'Made on the phone');
    for (const page of pages) await expect(page.getByRole('article', { name: 'Made on the phone' })).toBeVisible();
    // Late refetches by other tabs would show up within a couple of seconds.
    await pages[0].waitForTimeout(2_000);
    expect(gets.total()).toBe(1);

    await createHabitOnPhone(context, new URL(pages[0].url()).origin, 'And another one');
    for (const page of pages) await expect(page.getByRole('article', { name: 'And another one' })).toBeVisible();
    await pages[0].waitForTimeout(2_000);
    expect(gets.total()).toBe(2);
  });
}
