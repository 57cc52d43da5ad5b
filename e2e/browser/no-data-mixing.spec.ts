import { expect, test, type Page } from '@playwright/test';
import { addDays, localDay } from '../../lib/shared/days';
import { newUser, signUp, signedInContext } from '../fixtures';

// signUp's default zone: the day A's task is due and the plan is made for.
const ZONE = 'Europe/Berlin';

/** Every section of the shell's navigation. */
const SECTIONS = ['Today', 'Planner', 'Tasks', 'Quests', 'Habits', 'Progress', 'Books', 'Mood', 'Focus', 'Settings'] as const;

async function openSection(page: Page, label: (typeof SECTIONS)[number]) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: label, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

test("no data mixing: A fills every page and signs out; B signs in in the same tab and sees none of A's data, not even for a frame", async ({
  context,
  page,
}) => {
  test.setTimeout(180_000);
  const a = await signedInContext(context, 'mix-a');
  const mark = `Zebra${Date.now().toString(36)}`;
  const api = context.request;
  const post = async (url: string, data: unknown) => {
    const res = await api.post(url, { data });
    expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };

  // A fills every page: planner, quests (one completed, for XP), habits (logged), books (a reading
  // session), mood (an activity, an entry, a check-in schedule), a running focus timer, and tasks.
  const soon = Date.now() + 5 * 60_000;
  await post('/api/planner/events', { title: `${mark} planning`, startsAt: soon, endsAt: soon + 30 * 60_000, notes: `${mark} notes` });
  const quest = await post('/api/quests', { title: `${mark} quest`, description: `${mark} why`, target: 3, xpReward: 120 });
  await post(`/api/quests/${quest.id}/complete`, {});
  await post('/api/quests', { title: `${mark} open quest`, target: 10, xpReward: 10 });
  const habit = await post('/api/habits', { name: `${mark} stretch`, cadence: 'daily' });
  await post(`/api/habits/${habit.id}/log`, {});
  await post('/api/habits', { name: `${mark} read`, cadence: 'weekly', timesPerWeek: 3 });
  const book = await post('/api/books', { title: `${mark} novel`, author: `${mark} author`, totalPages: 320 });
  await post(`/api/books/${book.id}/sessions`, { pages: 40, minutes: 35 });
  const activity = await post('/api/mood/activities', { label: `${mark} walk` });
  await post('/api/mood/entries', { score: 8, activityIds: [activity.id], notes: `${mark} felt good` });
  await post('/api/focus/start', { mode: 'focus', plannedMinutes: 25, taskTitle: `${mark} deep work` });

  await page.goto('/tasks');
  await page.getByLabel('New list name').fill(`${mark} list`);
  await page.getByRole('button', { name: 'Add list' }).click();
  await page.getByLabel('New task', { exact: true }).fill(`${mark} task`);
  await page.getByLabel('Due date', { exact: true }).fill(localDay(Date.now(), ZONE));
  await page.getByRole('button', { name: 'Add task' }).click();
  await page.getByLabel('New task', { exact: true }).fill(`${mark} overdue`);
  await page.getByLabel('Due date', { exact: true }).fill(addDays(localDay(Date.now(), ZONE), -2));
  await page.getByRole('button', { name: 'Add task' }).click();
  await expect(page.getByTestId('tasks-sync-status')).toHaveAttribute('data-synced', 'true');

  await openSection(page, 'Today');
  await page.getByRole('button', { name: 'Generate plan' }).click();
  await expect(page.getByText(`${mark} task`).first()).toBeVisible();

  // A visits every page, so every client cache (queries, remembered ETags and bodies, session
  // storage, the tasks IndexedDB, the focus state) holds A's data when A signs out.
  for (const section of SECTIONS) {
    await openSection(page, section);
    if (section !== 'Progress' && section !== 'Settings') await expect(page.getByText(mark).first()).toBeVisible();
  }
  await openSection(page, 'Progress');
  await expect(page.getByTestId('stat-quests-value')).toHaveText('1');

  // From here on, any frame of any document that shows A's words is recorded.
  const b = newUser('mix-b');
  await signUp(context.request, b);
  await context.addInitScript((needle) => {
    const check = () => {
      if (document.documentElement?.innerText?.includes(needle) || document.title.includes(needle)) localStorage.setItem('e2e-leak', location.href);
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  }, mark);
  const leakedResponses: string[] = [];
  page.on('response', async (res) => {
    if (!new URL(res.url()).pathname.startsWith('/api/')) return;
    const body = await res.text().catch(() => '');
    if (body.includes(mark)) leakedResponses.push(`${res.status()} ${res.url()}`);
  });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Email').fill(b.email);
  await page.getByLabel('Password').fill(b.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'I accept the terms' }).click();
  await expect(page.getByTestId('shell-user')).toHaveText(b.name);

  for (const section of SECTIONS) {
    await openSection(page, section);
    await page.waitForTimeout(400);
    await expect(page.locator('body')).not.toContainText(mark);
  }
  await openSection(page, 'Today');
  await page.getByRole('button', { name: 'Generate plan' }).click();
  await expect(page.getByTestId('plan-empty').or(page.getByTestId('plan-item').first())).toBeVisible();
  await openSection(page, 'Progress');
  await expect(page.getByTestId('stat-quests-value')).toHaveText('0');
  await expect(page.getByTestId('stat-reading-value')).toHaveText('0 min');
  await openSection(page, 'Tasks');
  await expect(page.getByTestId('tasks-no-lists')).toBeVisible();
  await expect(page.getByTestId('today-badge')).toHaveCount(0);
  await expect(page.getByTestId('bottom-bar-status')).toHaveText(/No focus session running/);

  // And after a reload, which starts every cache from what the tab kept.
  await page.reload();
  await expect(page.getByTestId('tasks-no-lists')).toBeVisible();
  await page.waitForTimeout(500);
  await expect(page.locator('body')).not.toContainText(mark);

  // Offline, in a new tab: what this browser saved (the worker's pages, B's query cache) opens from
  // this device, and none of it is A's.
  await context.setOffline(true);
  const offline = await context.newPage();
  for (const section of SECTIONS) {
    await offline.goto(`/${section.toLowerCase()}`);
    await expect(offline.locator('[data-user-id]').or(offline.getByRole('heading', { name: 'You are offline' }))).toBeVisible();
    await expect(offline.locator(`[data-user-id="${a.id}"]`)).toHaveCount(0);
    await expect(offline.locator('body')).not.toContainText(mark);
  }
  await context.setOffline(false);
  await offline.close();

  expect(await page.evaluate(() => localStorage.getItem('e2e-leak'))).toBeNull();
  expect(leakedResponses).toEqual([]);
  const storageKeys = await page.evaluate(() => [...Object.keys(sessionStorage), ...Object.keys(localStorage)]);
  expect(storageKeys.filter((k) => k.includes(a.id))).toEqual([]);
});
