import { expect, test, type Page } from '@playwright/test';
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
  await expect(row(page, 'Water plants').getByTestId('task-repeats')).toBeVisible();

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
  await page.getByRole('button', { name: 'Undo' }).click();
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
});
