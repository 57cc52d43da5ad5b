import { expect, test } from '@playwright/test';
import { signedInContext } from '../fixtures';

// A change still on its way (to the server, or into this device's outbox) would leave with the
// page, neither sent nor kept: leaving then asks first (lib/sync/leave-guard.ts). Once the change
// is answered, the page leaves without asking.

test('leaving while a change is on its way asks first; staying lets it arrive, and then the page leaves without asking', async ({ context, page, baseURL }) => {
  await signedInContext(context, 'leaving');
  const created = await context.request.post('/api/habits', { data: { name: 'Stretch', cadence: 'daily' }, headers: { origin: baseURL! } });
  expect(created.status()).toBe(201);
  const habit = await created.json();

  // The server is slow to answer the log of this habit, until the test lets it through.
  let letThrough!: () => void;
  const slow = new Promise<void>((resolve) => (letThrough = resolve));
  await page.route(`**/api/habits/${habit.id}/log`, async (route) => {
    await slow;
    await route.continue();
  });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });

  await page.goto('/habits');
  const done = page.getByRole('button', { name: 'Done today: Stretch' });
  await done.click();
  await expect(done).toHaveAttribute('aria-pressed', 'true');

  // Leaving now asks; the user stays, and the change is still on its way.
  await page.evaluate(() => setTimeout(() => (window.location.href = new URL('/quests', window.location.href).href)));
  await expect.poll(() => dialogs).toEqual(['beforeunload']);
  await expect(page).toHaveURL(/\/habits$/);

  const answered = page.waitForResponse((res) => res.url().endsWith(`/api/habits/${habit.id}/log`) && res.request().method() === 'POST');
  letThrough();
  expect((await answered).ok()).toBe(true);
  await expect(done).toHaveAttribute('aria-pressed', 'true');

  // Answered: nothing is on its way, so leaving does not ask.
  await page.evaluate(() => setTimeout(() => (window.location.href = new URL('/quests', window.location.href).href)));
  await expect(page).toHaveURL(/\/quests$/);
  expect(dialogs).toEqual(['beforeunload']);
  const habits = await (await context.request.get('/api/habits')).json();
  expect(habits.habits[0].history).toEqual([habits.today]);
});
