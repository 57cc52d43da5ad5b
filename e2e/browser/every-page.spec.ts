import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { TaskDocument } from '../../lib/shared/crdt';
import { addDays, localDay } from '../../lib/shared/days';
import { createAdminWithCli } from '../admin-user';
import { acceptTerms, logIn, newUser, signedInContext, type E2EUser } from '../fixtures';

// Every page as a new user and as one with data, on a phone and a desktop, light and dark: no
// console error, page error or failed same-origin request, nothing wider than the screen, and no
// accessibility violation of impact serious or critical under WCAG 2.2 AA (axe-core): issue 19.
// The scheme is CSS alone (light-dark() and a media query; no script reads it), so each page loads
// once and is checked in both schemes, the second one emulated in place. Which scheme it loads in
// alternates from page to page, the other way round for the user with data: every app page loads
// in both schemes across the two runs of a device (decision 076).
const ZONE = 'Europe/Berlin';
const SIGNED_OUT_PAGES = ['/login', '/signup', '/terms'];
const APP_PAGES = ['/today', '/focus', '/planner', '/tasks', '/quests', '/habits', '/progress', '/books', '/mood', '/settings', '/settings/api-docs'];
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1366, height: 900 } };
const SCHEMES = ['light', 'dark'] as const;
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function post(request: APIRequestContext, url: string, data: unknown) {
  const res = await request.post(url, { data });
  expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
  return res.json();
}

/** Something on every page: events, tasks (open, due, done), quests, habits, books, mood, a plan, a key, a running timer. */
async function fillEveryPage(request: APIRequestContext) {
  const soon = Date.now() + 60 * 60_000;
  await post(request, '/api/planner/events', { title: 'Dentist', startsAt: soon, endsAt: soon + 30 * 60_000, notes: 'Bring the card' });
  const doc = new TaskDocument({ actor: randomUUID() });
  const list = doc.createList('Home');
  const today = localDay(Date.now(), ZONE);
  const rent = doc.addTask(list.payload.listId, { title: 'Pay the rent before the end of the month', dueDay: today });
  const ops = [
    list,
    rent,
    doc.addTask(list.payload.listId, { title: 'Water the plants', dueDay: addDays(today, -2) }),
    doc.addTask(list.payload.listId, { title: 'Read a chapter' }),
    doc.setCompleted(list.payload.listId, rent.payload.taskId, true),
  ];
  await post(request, '/api/sync/push', { clientId: randomUUID(), ops });
  const quest = await post(request, '/api/quests', { title: 'Run 10 km', description: 'Little by little', target: 3, xpReward: 120 });
  await post(request, `/api/quests/${quest.id}/complete`, {});
  await post(request, '/api/quests', { title: 'Read 12 books', target: 12, xpReward: 50 });
  const habit = await post(request, '/api/habits', { name: 'Stretch', cadence: 'daily' });
  await post(request, `/api/habits/${habit.id}/log`, {});
  await post(request, '/api/habits', { name: 'Swim', cadence: 'weekly', timesPerWeek: 3 });
  const book = await post(request, '/api/books', { title: 'Dune', author: 'Frank Herbert', totalPages: 412 });
  await post(request, `/api/books/${book.id}/sessions`, { pages: 40, minutes: 35 });
  const walk = await post(request, '/api/mood/activities', { label: 'Walk' });
  await post(request, '/api/mood/entries', { score: 8, activityIds: [walk.id], notes: 'A good day' });
  await post(request, '/api/mood/schedules', { kind: 'mood-check', cadence: 'daily', nextDueAt: Date.now() - 60_000 });
  await post(request, '/api/plan/today/generate', { focusGoalMinutes: 50 });
  await post(request, '/api/api-keys', { label: 'Laptop CLI' });
  await post(request, '/api/focus/start', { mode: 'focus', plannedMinutes: 25, taskTitle: 'Deep work' });
}

/** Records what went wrong on `page` while it showed each path. */
function watch(page: Page, problems: string[]) {
  const here = () => new URL(page.url()).pathname;
  const sameOrigin = (url: string) => new URL(url).origin === new URL(page.url()).origin;
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`${here()}: console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${here()}: page error: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400 && sameOrigin(res.url())) problems.push(`${here()}: ${res.status()} ${res.request().method()} ${res.url()}`);
  });
  page.on('requestfailed', (req) => {
    // Leaving a page cancels what it still had in flight (its event stream, a poll): not a failure.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    if (sameOrigin(req.url())) problems.push(`${here()}: failed ${req.method()} ${req.url()}: ${req.failure()?.errorText}`);
  });
}

type Scheme = (typeof SCHEMES)[number];
/** The scheme the `i`th page of a run loads in: alternating, from `first`. */
const loadScheme = (i: number, first: Scheme): Scheme => (i % 2 === 0 ? first : first === 'light' ? 'dark' : 'light');

/** Opens `path` in `loadIn`, waits until its data shows, and records what is wrong there in either scheme (axe's findings too). */
async function visit(page: Page, path: string, problems: string[], loadIn: Scheme) {
  await page.emulateMedia({ colorScheme: loadIn });
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(400);
  await expect(page.getByRole('heading', { level: 1 }).first(), path).toBeVisible();
  await expect(page.locator('[aria-busy="true"]'), `${path} still loading`).toHaveCount(0);
  for (const scheme of loadIn === 'light' ? SCHEMES : (['dark', 'light'] as const)) {
    if (scheme !== loadIn) await page.emulateMedia({ colorScheme: scheme });
    await schemeProblems(page, `${path} (${scheme})`, problems);
  }
}

/** What is wrong with the page as it is drawn now: too wide, its foot under the quick-add button, axe. */
async function schemeProblems(page: Page, where: string, problems: string[]) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) problems.push(`${where}: ${overflow} px wider than the viewport`);
  // Scrolled to its foot, a page's last content sits above the phone's quick-add button, not under it.
  const covered = await page.evaluate(() => {
    const fab = document.querySelector('[data-testid="quick-add-fab"]');
    const scroller = document.querySelector('[data-testid="page-scroller"]');
    const main = document.querySelector('main');
    if (!fab || !scroller || !main || fab.getBoundingClientRect().height === 0) return 0;
    scroller.scrollTop = scroller.scrollHeight;
    return Math.ceil(main.getBoundingClientRect().bottom - fab.getBoundingClientRect().top);
  });
  if (covered > 0) problems.push(`${where}: the quick-add button covers the last ${covered} px of the page`);
  await axeProblems(page, where, problems);
}

/** What axe finds serious or critical on the page as it is. */
async function axeProblems(page: Page, path: string, problems: string[]) {
  // axe.run in the page itself ("legacy mode"), not runPartial in each frame and finishRun in a
  // blank page that AxeBuilder opens, fills with axe-core and the whole partial results, and closes
  // for every call: more than twice the work for the same rules on the same DOM. What legacy mode leaves
  // out, cross-origin frames, the app has none, and the check below says so (decision 060).
  expect(page.frames(), `${path} has frames of its own`).toHaveLength(1);
  const { violations } = await new AxeBuilder({ page })
    .withTags(WCAG_AA)
    .options({ resultTypes: ['violations'] })
    .setLegacyMode()
    .analyze();
  for (const v of violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    const where = v.nodes
      .slice(0, 3)
      .map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.split('\n').slice(1).join(' ').trim()})` : ''}`);
    problems.push(`${path}: axe ${v.id} (${v.impact}) ×${v.nodes.length}: ${where.join(' | ')}`);
  }
}

async function signedIn(context: BrowserContext, user: E2EUser) {
  expect((await logIn(context.request, user)).status()).toBe(200);
  await acceptTerms(context.request);
  expect((await logIn(context.request, user)).status()).toBe(200);
}

async function newContext(browser: Browser, viewport: { width: number; height: number }, colorScheme: 'light' | 'dark') {
  return browser.newContext({ viewport, colorScheme });
}

/** One admin with data per worker, made when a test first needs one: the admin page needs it, and a user with data is what the other pages need. */
let filled: Promise<E2EUser> | null = null;
function filledAdmin(browser: Browser): Promise<E2EUser> {
  filled ??= (async () => {
    const admin = newUser('every-page-admin');
    createAdminWithCli(join(process.env.E2E_DATA_DIR!, 'data'), admin);
    const context = await browser.newContext();
    await signedIn(context, admin);
    await fillEveryPage(context.request);
    await context.close();
    return admin;
  })();
  return filled;
}

for (const [device, viewport] of Object.entries(VIEWPORTS)) {
  test(`${device}, light and dark, empty: every page loads without a console error, a failed request or a serious accessibility violation`, async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const problems: string[] = [];
    const context = await newContext(browser, viewport, 'light');
    const page = await context.newPage();
    watch(page, problems);
    for (const [i, path] of SIGNED_OUT_PAGES.entries()) await visit(page, path, problems, loadScheme(i, 'light'));
    await signedInContext(context, 'every-page');
    for (const [i, path] of APP_PAGES.entries()) await visit(page, path, problems, loadScheme(i, 'light'));
    await context.close();
    expect(problems).toEqual([]);
  });

  test(`${device}, light and dark, with data: every page loads without a console error, a failed request or a serious accessibility violation`, async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const admin = await filledAdmin(browser);
    const problems: string[] = [];
    const context = await newContext(browser, viewport, 'dark');
    await signedIn(context, admin);
    const page = await context.newPage();
    watch(page, problems);
    // The other way round from the empty run: each app page loads in light in one and in dark in the other.
    for (const [i, path] of [...APP_PAGES, '/admin'].entries()) await visit(page, path, problems, loadScheme(i, 'dark'));
    await context.close();
    expect(problems).toEqual([]);
  });
}

test('on a phone, the bar and its More sheet reach every page; the sheet is a dialog that closes on the way', async ({ browser }) => {
  const admin = await filledAdmin(browser);
  const context = await newContext(browser, VIEWPORTS.phone, 'light');
  await signedIn(context, admin);
  const page = await context.newPage();
  await page.goto('/today');
  const bar = page.getByRole('navigation', { name: 'Main' });
  await expect(bar.getByRole('link', { name: 'Today' })).toHaveAttribute('aria-current', 'page');
  await bar.getByRole('button', { name: 'More' }).click();
  const sheet = page.getByRole('dialog', { name: 'More' });
  await expect(sheet).toBeVisible();
  const reachable = [...(await bar.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href'))))];
  reachable.push(...(await sheet.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))));
  expect(reachable.sort()).toEqual([...APP_PAGES.filter((p) => p !== '/settings/api-docs'), '/admin'].sort());

  await sheet.getByRole('link', { name: 'Habits' }).click();
  await expect(page).toHaveURL(/\/habits$/);
  await expect(sheet).toBeHidden();
  await expect(bar.getByRole('button', { name: 'More' })).toHaveAttribute('aria-current', 'page');
  await context.close();
});

test('an address no page has: the app’s own 404, signed in or not, with a way back in', async ({ browser }) => {
  for (const scheme of SCHEMES) {
    const problems: string[] = [];
    const context = await newContext(browser, VIEWPORTS.phone, scheme);
    const page = await context.newPage();
    const res = await page.goto('/no-such-page');
    expect(res?.status()).toBe(404);
    await expect(page).toHaveTitle('Page not found · Passion OS');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist');
    await axeProblems(page, '/no-such-page', problems);
    // Signed out, Today sends the visitor on to sign in; signed in, it is Today.
    await page.getByRole('link', { name: 'Go to Today' }).click();
    await expect(page).toHaveURL(/\/login/);
    await signedInContext(context, 'not-found');
    await page.goto('/today/no-such-part');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist');
    await page.getByRole('link', { name: 'Go to Today' }).click();
    await expect(page).toHaveURL(/\/today$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Today');
    await context.close();
    expect(problems).toEqual([]);
  }
});

test('a page that throws while drawing: only the page is replaced, the shell stays, and the rest of the app works', async ({ browser }) => {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop, serviceWorkers: 'block' });
  await signedInContext(context, 'page-error');
  const page = await context.newPage();
  await page.goto('/today');
  // The mood page's code, served with its first card's title replaced by a throw.
  const broken = 'title:"How are you feeling?"';
  let served = false;
  await context.route('**/_next/static/chunks/*.js', async (route) => {
    const res = await route.fetch({ headers: { ...route.request().headers(), 'accept-encoding': 'identity' } });
    const body = await res.text();
    if (!body.includes(broken)) return route.fulfill({ response: res, body });
    served = true;
    await route.fulfill({ response: res, body: body.replace(broken, 'title:(()=>{throw new Error("drawn wrong")})()') });
  });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Mood' }).click();
  const alert = page.getByRole('alert', { name: 'This page could not be shown' });
  await expect(alert).toBeVisible();
  expect(served).toBe(true);
  await expect(alert).not.toContainText('drawn wrong');
  await expect(page.getByTestId('shell-user')).toBeVisible();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Habits' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Habits');
  await expect(alert).toHaveCount(0);
  await context.close();
});
