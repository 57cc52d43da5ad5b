import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { TaskDocument } from '../../lib/shared/crdt';
import { localDay } from '../../lib/shared/days';
import { formatsFor } from '../../lib/shared/format';
import { acceptTerms, logIn, newUser, signUp, type E2EUser } from '../fixtures';

// Today's plan is a view of its sources: two devices of one user, each drift of issue 16 as a spec.
const ZONE = 'Europe/Berlin';
const SYNC_PUSH = /\/api\/(tasks\/sync|sync\/push)/;

async function signedIn(context: BrowserContext, user: E2EUser) {
  await logIn(context.request, user);
  await acceptTerms(context.request);
  await logIn(context.request, user);
}

/** Two browsers (two devices) signed in as one new user. */
async function twoDevices(browser: Browser, prefix: string) {
  const a = await browser.newContext();
  const b = await browser.newContext();
  const user = newUser(prefix);
  await signUp(a.request, user, ZONE);
  await signedIn(a, user);
  await signedIn(b, user);
  return { a, b };
}

async function post(context: BrowserContext, url: string, data: unknown) {
  const res = await context.request.post(url, { data });
  expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
  return res.json();
}

/** A device with a task list of its own, writing through the op log as the Tasks page of a phone would. */
async function phoneWithTasks(context: BrowserContext, titles: string[]) {
  const doc = new TaskDocument({ actor: randomUUID() });
  const list = doc.createList('Inbox');
  const tasks = new Map(titles.map((title) => [title, doc.addTask(list.payload.listId, { title, dueDay: localDay(Date.now(), ZONE) })]));
  const clientId = randomUUID();
  await post(context, '/api/sync/push', { clientId, ops: [list, ...tasks.values()] });
  return {
    setCompleted: (title: string, completed: boolean) =>
      post(context, '/api/sync/push', { clientId, ops: [doc.setCompleted(list.payload.listId, tasks.get(title)!.payload.taskId, completed)] }),
  };
}

async function openLiveToday(page: Page) {
  await page.goto('/today');
  await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');
}

async function generatePlan(page: Page) {
  await page.getByRole('button', { name: /^(Generate|Regenerate) plan$/ }).click();
  await expect(page.getByTestId('plan-item').first()).toBeVisible();
}

const planBox = (page: Page, title: string) => page.getByRole('list', { name: 'Plan items' }).getByRole('checkbox', { name: title });

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test('a task ticked in Today is done in Tasks on the other device, also when ticked offline', async ({ browser }) => {
  const { a, b } = await twoDevices(browser, 'today-task');
  await phoneWithTasks(b, ['Pay rent', 'Water the plants']);
  const today = await a.newPage();
  await openLiveToday(today);
  await generatePlan(today);
  const tasks = await b.newPage();
  await tasks.goto('/tasks');
  const open = tasks.getByRole('list', { name: 'Open tasks' });
  await expect(open.getByRole('checkbox', { name: 'Done: Pay rent' })).toBeVisible();

  // Ticking acts on the task itself, through the op log.
  const pushed = today.waitForRequest((req) => req.method() === 'POST' && SYNC_PUSH.test(req.url()));
  await planBox(today, 'Pay rent').click();
  await pushed;
  await expect(planBox(today, 'Pay rent')).toBeChecked();
  await expect(open.getByRole('checkbox', { name: 'Done: Pay rent' })).toHaveCount(0);
  await expect(tasks.getByText('Completed (1)')).toBeVisible();

  // Offline, the tick is kept like any task edit and reaches the other device once back online.
  await a.setOffline(true);
  await planBox(today, 'Water the plants').click();
  await expect(planBox(today, 'Water the plants')).toBeChecked();
  await expect(today.getByTestId('plan-progress')).toHaveText('2 of 2 done');
  await expect(open.getByRole('checkbox', { name: 'Done: Water the plants' })).toBeVisible();
  await a.setOffline(false);
  await expect(open.getByRole('checkbox', { name: 'Done: Water the plants' })).toHaveCount(0);
  await expect(tasks.getByText('Completed (2)')).toBeVisible();
});

test('a task completed on another device is done in Today without a reload, and open again when reopened there', async ({ browser }) => {
  const { a, b } = await twoDevices(browser, 'today-phone');
  const phone = await phoneWithTasks(b, ['Call the bank']);
  const today = await a.newPage();
  await openLiveToday(today);
  await generatePlan(today);
  await expect(planBox(today, 'Call the bank')).not.toBeChecked();

  await phone.setCompleted('Call the bank', true);
  await expect(planBox(today, 'Call the bank')).toBeChecked();
  await expect(today.getByTestId('plan-progress')).toHaveText('1 of 1 done');
  await phone.setCompleted('Call the bank', false);
  await expect(planBox(today, 'Call the bank')).not.toBeChecked();
});

test('a habit logged on the Habits page of another device is ticked in Today; ticking it in Today logs it there', async ({ browser }) => {
  const { a, b } = await twoDevices(browser, 'today-habit');
  await post(a, '/api/habits', { name: 'Stretch', cadence: 'daily' });
  await post(a, '/api/habits', { name: 'Read', cadence: 'daily' });
  const today = await a.newPage();
  await openLiveToday(today);
  await generatePlan(today);
  const habits = await b.newPage();
  await habits.goto('/habits');
  await expect(habits.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');

  await habits.getByRole('button', { name: 'Done today: Stretch' }).click();
  await expect(planBox(today, 'Stretch')).toBeChecked();

  await planBox(today, 'Read').click();
  await expect(habits.getByRole('button', { name: 'Done today: Read' })).toHaveAttribute('aria-pressed', 'true');
  await expect(today.getByTestId('plan-progress')).toHaveText('2 of 2 done');
});

test('events show their time and the focus goal its progress; a check-in item links to taking it and ticks itself once taken', async ({ browser }) => {
  const { a } = await twoDevices(browser, 'today-kinds');
  // The top of this hour: always today, whatever time the suite runs (an hour ahead crosses midnight late at night).
  const start = new Date();
  start.setMinutes(0, 0, 0);
  await post(a, '/api/planner/events', { title: 'Dentist', startsAt: start.getTime(), endsAt: start.getTime() + 30 * 60_000 });
  await post(a, '/api/mood/schedules', { kind: 'mood-check', cadence: 'daily', nextDueAt: Date.now() - 60_000 });
  const today = await a.newPage();
  await openLiveToday(today);
  await today.getByLabel('Focus goal (minutes)').fill('25');
  await generatePlan(today);

  // On the profile's clock (Berlin), whatever the browser's zone.
  const time = formatsFor(ZONE).time(start.getTime());
  await expect(today.getByTestId('plan-item').filter({ hasText: 'Dentist' })).toContainText(time);
  await expect(today.getByTestId('focus-goal-progress')).toHaveText('0 of 25 min');

  const checkin = today.getByTestId('plan-item').filter({ hasText: 'Mood check' });
  await expect(checkin.getByRole('checkbox')).toBeDisabled();
  await expect(checkin.getByRole('link', { name: 'Check in' })).toHaveAttribute('href', '/mood');
  await post(a, '/api/mood/assessments', { kind: 'mood-check', answers: { interest: 1, down: 0 } });
  await expect(checkin.getByRole('checkbox')).toBeChecked();
  await expect(checkin.getByRole('link', { name: 'Check in' })).toHaveCount(0);
});
