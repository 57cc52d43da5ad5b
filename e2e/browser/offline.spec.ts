import { expect, test } from '@playwright/test';
import { savedForOffline, signedInContext } from '../fixtures';

// Issue 18: the app opens offline and keeps what is changed there. One signed-in context: pages
// loaded online are saved by the service worker and the query cache by IndexedDB; a new tab opened
// offline renders them with the last data; a habit logged offline waits in the outbox across a
// reload and reaches the server exactly once when the browser is back online.

test('pages open offline with their last data, and a habit logged offline is sent once when back online', async ({ context, page, baseURL }) => {
  const user = await signedInContext(context, 'offline');
  const created = await context.request.post('/api/habits', { data: { name: 'Stretch', cadence: 'daily' }, headers: { origin: baseURL! } });
  expect(created.status()).toBe(201);
  const habit = await created.json();

  // Online: open Today and Habits once; both are saved, with their data.
  await page.goto('/today');
  await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
  await savedForOffline(page, '/today');
  await page.goto('/habits');
  await expect(page.getByRole('article', { name: 'Stretch' })).toBeVisible();
  await savedForOffline(page, '/habits');

  // Offline, a new tab: the page and its data come from this device, and say so.
  await context.setOffline(true);
  const tab = await context.newPage();
  await tab.goto('/habits');
  const card = tab.getByRole('article', { name: 'Stretch' });
  await expect(card).toBeVisible();
  await expect(tab.getByTestId('offline-banner')).toHaveText(/^Offline — showing what this device last saw, (just now|\d+ min ago)$/);
  await expect(tab.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'offline');
  await expect(tab.locator('[data-user-id]')).toHaveAttribute('data-user-id', user.id);

  // Logged offline: shown done, and marked as waiting, also after a reload.
  const done = card.getByRole('button', { name: 'Done today: Stretch' });
  await done.click();
  await expect(done).toHaveAttribute('aria-pressed', 'true');
  await expect(card.getByTestId('habit-waiting')).toHaveText('Waiting to send');
  await expect(tab.getByTestId('outbox-status')).toHaveAttribute('title', '1 change waiting to send');
  await tab.reload();
  await expect(done).toHaveAttribute('aria-pressed', 'true');
  await expect(card.getByTestId('habit-waiting')).toBeVisible();

  // A page never opened on this device says so instead of the browser's error page.
  const other = await context.newPage();
  await other.goto('/books');
  await expect(other.getByRole('heading', { name: 'You are offline' })).toBeVisible();
  await other.close();

  // Signing out with a change still waiting asks first, naming how many; "Cancel" keeps the session.
  const asked = new Promise<string>((resolve) =>
    tab.once('dialog', (dialog) => {
      resolve(dialog.message());
      void dialog.dismiss();
    }),
  );
  await tab.getByRole('button', { name: 'Sign out' }).click();
  expect(await asked).toContain('1 change made offline has not been sent yet');
  await expect(tab.getByRole('button', { name: 'Sign out' })).toBeEnabled();
  await expect(tab).toHaveURL(/\/habits$/);

  // Back online: delivered, the marks go, and the server holds exactly one log.
  await context.setOffline(false);
  await expect(tab.getByTestId('outbox-status')).toHaveCount(0);
  await expect(card.getByTestId('habit-waiting')).toHaveCount(0);
  await expect(tab.getByTestId('offline-banner')).toHaveCount(0);
  const list = await (await context.request.get('/api/habits')).json();
  const stored = list.habits.find((h: { id: string }) => h.id === habit.id);
  expect(stored.loggedToday).toBe(true);
  expect(stored.history).toEqual([list.today]);
});
