import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { addDays, localDay } from '../../lib/shared/days';
import { signedInContext } from '../fixtures';

// signUp's zone; the browser runs in it too, so "tomorrow" means the same before the profile loads.
const ZONE = 'Europe/Berlin';
test.use({ timezoneId: ZONE });

const openTitles = (page: Page) => page.getByRole('list', { name: 'Open tasks' }).getByTestId('task').locator('button[title="Edit"]');
const row = (page: Page, title: string) => page.getByTestId('task').filter({ has: page.getByRole('checkbox', { name: `Done: ${title}`, exact: true }) });

/** Shortcut keys act when no field has the focus. */
async function pressOutsideFields(page: Page, key: string) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
}

async function quickAdd(page: Page, text: string, chips: Record<string, string | RegExp>) {
  await pressOutsideFields(page, 'q');
  const dialog = page.getByRole('dialog', { name: 'Quick add' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Task, in plain words').fill(text);
  for (const [kind, label] of Object.entries(chips)) await expect(dialog.getByTestId(`chip-${kind}`)).toContainText(label);
  return dialog;
}

test('quick add with chips, priority sort, a repeating task’s next occurrence, offline search and the keyboard', async ({ context, page }) => {
  await signedInContext(context, 'tasks-plus');
  await page.goto('/tasks');
  await expect(page.getByTestId('tasks-sync-status')).toBeVisible();
  await page.getByLabel('New list name').fill('Home');
  await page.getByRole('button', { name: 'Add list' }).click();
  await expect(page.getByTestId('list-title')).toHaveText('Home');
  await page.getByLabel('New task', { exact: true }).fill('Plain chore');
  await page.getByRole('button', { name: 'Add task', exact: true }).click();
  await expect(openTitles(page)).toHaveText(['Plain chore']);
  const today = localDay(Date.now(), ZONE);

  // Quick add: the words become chips; a removed chip gives its words back to the title.
  let dialog = await quickAdd(page, 'Call mom tomorrow 5pm p1 #home', { due: 'Tomorrow 17:00', priority: 'P1', list: '#Home' });
  await dialog.getByRole('button', { name: /Remove list/ }).click();
  await expect(dialog.getByTestId('quick-add-title-preview')).toHaveText('Call mom #home');
  await dialog.getByLabel('Task, in plain words').fill('Call mom tomorrow 5pm p1');
  await expect(dialog.getByTestId('quick-add-title-preview')).toHaveText('Call mom');
  await dialog.getByRole('button', { name: 'Add task', exact: true }).click();
  await expect(dialog).toBeHidden();
  dialog = await quickAdd(page, 'Water plants every day p3', { repeat: 'Every day', priority: 'P3' });
  await dialog.getByLabel('Task, in plain words').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(openTitles(page)).toHaveText(['Plain chore', 'Call mom', 'Water plants']);
  await expect(row(page, 'Call mom').getByTestId('task-priority')).toHaveText(/P1/);
  await expect(row(page, 'Call mom').getByTestId('task-due-time')).toHaveText('17:00');
  // The rule in words comes with the repeat rules, which the first repeating task shown loads.
  await expect(row(page, 'Water plants').getByTestId('task-repeats')).toHaveAttribute('title', 'Every day');

  // Sorting by priority: P1, P3, then no priority.
  await page.getByTestId('task-sort').selectOption('priority');
  await expect(openTitles(page)).toHaveText(['Call mom', 'Water plants', 'Plain chore']);

  // Completing the repeating task adds its next occurrence, due tomorrow.
  // One click: the next occurrence takes the row's place at once, unchecked (check() would click it too).
  await row(page, 'Water plants').getByRole('checkbox').click();
  await expect(page.getByText('Completed (1)')).toBeVisible();
  const next = page.getByRole('list', { name: 'Open tasks' }).getByTestId('task').filter({ hasText: 'Water plants' });
  await expect(next.getByLabel('Due date of Water plants')).toHaveValue(addDays(today, 1));

  // Search across lists, from the local replica, offline too.
  await context.setOffline(true);
  await page.getByLabel('Search all lists').fill('water');
  await expect(page.getByTestId('task-search-results').getByRole('heading')).toHaveText('2 tasks match “water”');
  await page.getByLabel('Search all lists').fill('MOM');
  await expect(page.getByTestId('task-search-results').getByTestId('task')).toHaveCount(1);
  await page.getByLabel('Search all lists').fill('');
  await context.setOffline(false);

  // The keyboard: j moves, x completes, Delete deletes with undo, e edits, ? lists the shortcuts.
  await pressOutsideFields(page, 'j');
  await expect(row(page, 'Call mom')).toBeFocused();
  await page.keyboard.press('j');
  await expect(page.locator('[data-testid="task"]:focus')).toContainText('Water plants');
  await page.keyboard.press('k');
  await expect(row(page, 'Call mom')).toBeFocused();
  await page.keyboard.press('x');
  await expect(page.getByText('Completed (2)')).toBeVisible();
  await expect(openTitles(page)).toHaveText(['Water plants', 'Plain chore']);
  await row(page, 'Plain chore').focus();
  await page.keyboard.press('Delete');
  await expect(row(page, 'Plain chore')).toHaveCount(0);
  await page.getByRole('status').filter({ hasText: 'Deleted “Plain chore”' }).getByRole('button', { name: 'Undo' }).click();
  await expect(row(page, 'Plain chore')).toHaveCount(1);
  await row(page, 'Plain chore').focus();
  await page.keyboard.press('e');
  await expect(page.getByRole('form', { name: 'Edit “Plain chore”' })).toBeVisible();
  await page.keyboard.press('Escape');
  await pressOutsideFields(page, '?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Quick add a task');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // The list's own field reads plain words too; the sort choice survives a reload.
  await page.getByLabel('New task', { exact: true }).fill('Pay bills p2');
  await expect(page.getByTestId('add-task-understood')).toContainText('Adds “Pay bills”');
  await page.getByRole('button', { name: 'Add task', exact: true }).click();
  await expect(row(page, 'Pay bills').getByTestId('task-priority')).toHaveText(/P2/);
  await expect(openTitles(page)).toHaveText(['Pay bills', 'Water plants', 'Plain chore']);
  await page.reload();
  await expect(page.getByTestId('task-sort')).toHaveValue('priority');
  await expect(openTitles(page)).toHaveText(['Pay bills', 'Water plants', 'Plain chore']);

  // Undoing the completion of a repeating task takes back the next occurrence it made.
  const water = page.getByRole('list', { name: 'Open tasks' }).getByTestId('task').filter({ hasText: 'Water plants' });
  await expect(water.getByLabel('Due date of Water plants')).toHaveValue(addDays(today, 1));
  await water.getByRole('checkbox').click();
  await expect(water.getByLabel('Due date of Water plants')).toHaveValue(addDays(today, 2));
  await page.getByRole('status').filter({ hasText: 'Completed “Water plants”' }).last().getByRole('button', { name: 'Undo' }).click();
  await expect(water).toHaveCount(1);
  await expect(water.getByLabel('Due date of Water plants')).toHaveValue(addDays(today, 1));
});

/** Records every Notification the page constructs, with notification permission granted. */
async function recordNotifications(context: BrowserContext) {
  await context.addInitScript(() => {
    const shown: { title: string; body?: string }[] = [];
    (window as unknown as { __notifications: typeof shown }).__notifications = shown;
    class RecordingNotification {
      static readonly permission: NotificationPermission = 'granted';
      static requestPermission = async (): Promise<NotificationPermission> => 'granted';
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body });
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true, writable: true });
  });
}

const notificationsOf = (page: Page) => page.evaluate(() => (window as unknown as { __notifications: { title: string; body?: string }[] }).__notifications);

test('a reminder shows once, as a notification from the one tasks leader, at its time (the page clock fast-forwarded)', async ({ context, page }) => {
  await recordNotifications(context);
  await signedInContext(context, 'tasks-reminder');
  // The page's clock runs as the real one until fast-forwarded: no real minutes are waited.
  await page.clock.install();
  await page.goto('/tasks');
  await page.getByLabel('New list name').fill('Body');
  await page.getByRole('button', { name: 'Add list' }).click();
  await page.getByLabel('New task', { exact: true }).fill('Stretch');
  await page.getByRole('button', { name: 'Add task', exact: true }).click();
  const second = await context.newPage();
  await second.goto('/tasks');

  // Due three minutes from now (on the user's wall clock, whatever the hour), reminded at the due time.
  const at = Date.now() + 3 * 60_000;
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  await page.getByRole('button', { name: 'Add a due date to Stretch' }).click();
  await page.getByLabel('Due date of Stretch').fill(localDay(at, ZONE));
  await row(page, 'Stretch').locator('button[title="Edit"]').click();
  const form = page.getByRole('form', { name: 'Edit “Stretch”' });
  await form.getByLabel(/^Time/).fill(time);
  await form.getByLabel(/^Reminder/).selectOption({ label: 'At due time' });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(row(page, 'Stretch').getByTestId('task-due-time')).toHaveText(time);
  await expect(second.getByTestId('task').filter({ hasText: 'Stretch' }).getByTestId('task-due-time')).toHaveText(time);
  expect(await notificationsOf(page)).toEqual([]);

  await page.clock.fastForward('05:00');
  await expect.poll(async () => [...(await notificationsOf(page)), ...(await notificationsOf(second))]).toEqual([{ title: 'Stretch', body: 'Task reminder' }]);
  await page.clock.fastForward('01:00');
  expect([...(await notificationsOf(page)), ...(await notificationsOf(second))]).toHaveLength(1);
});
