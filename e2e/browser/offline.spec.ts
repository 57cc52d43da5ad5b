import { expect, test, type Page } from '@playwright/test';
import { localDay } from '../../lib/shared/days';
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
  await expect(tab.getByTestId('offline-banner')).toHaveText(/^Offline — showing what this device last saw, (just now|\d+ minutes? ago)$/);
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

/** What waits in this user's outbox (IndexedDB), as stored. */
const outboxOf = (page: Page, userId: string) =>
  page.evaluate(
    (name) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('outbox').objectStore('outbox').getAll();
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result);
          };
        };
      }),
    `passion-offline-${userId}`,
  );

/** Puts `records` back into the outbox, as a tab that crashed before forgetting them would leave it. */
const putBack = (page: Page, userId: string, records: unknown[]) =>
  page.evaluate(
    ({ name, records }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => {
          const tx = open.result.transaction('outbox', 'readwrite');
          for (const r of records) tx.objectStore('outbox').put(r);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { name: `passion-offline-${userId}`, records },
  );

test('one change on every page made offline reaches the server exactly once, even when the outbox is replayed twice', async ({ context, page, baseURL }) => {
  // Six pages loaded, changed offline and replayed: 37 s of the default 60 in a full run on 2 cores.
  test.setTimeout(120_000);
  const user = await signedInContext(context, 'offline-every');
  const headers = { origin: baseURL! };
  expect((await context.request.post('/api/habits', { data: { name: 'Stretch', cadence: 'daily' }, headers })).status()).toBe(201);
  const pages = ['/habits', '/quests', '/books', '/mood', '/planner', '/settings'];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await savedForOffline(page, path);
  }

  await context.setOffline(true);
  await page.goto('/habits');
  await page.getByRole('button', { name: 'Done today: Stretch' }).click();
  // Kept in the outbox before the page is left, as the mark says (leaving at once can cut the write).
  await expect(page.getByTestId('habit-waiting')).toBeVisible();
  await page.goto('/quests');
  await page.getByRole('button', { name: 'New quest' }).click();
  await page.getByLabel('Title').fill('Offline quest');
  await page.getByLabel('Target').fill('3');
  await page.getByLabel('XP reward').fill('10');
  await page.getByRole('button', { name: 'Create quest' }).click();
  await expect(page.getByTestId('pending-create')).toHaveText(/Offline quest\s*Waiting to send/);
  await page.goto('/books');
  await page.getByRole('button', { name: 'Add book' }).click();
  await page.getByLabel('Title').fill('Offline book');
  await page.getByLabel('Pages').fill('300');
  await page.getByRole('button', { name: 'Add book' }).click();
  await expect(page.getByTestId('pending-create')).toHaveText(/Offline book\s*Waiting to send/);
  await page.goto('/mood');
  const log = page.getByRole('region', { name: 'How are you feeling?' });
  await log.getByRole('radio', { name: '8', exact: true }).check();
  await log.getByRole('button', { name: 'Log mood' }).click();
  const entry = page.getByRole('region', { name: 'Last 30 days' }).getByTestId('mood-entry');
  await expect(entry).toHaveCount(1);
  await expect(entry.getByTestId('waiting-to-send')).toBeVisible();
  await page.goto('/planner');
  await page.getByRole('button', { name: 'Add event' }).click();
  const dialog = page.getByRole('dialog');
  // The planner counts days in the profile's zone (fixtures sign up in Europe/Berlin), not the browser's.
  const day = localDay(Date.now(), 'Europe/Berlin');
  await dialog.getByLabel('Title').fill('Offline event');
  await dialog.getByLabel('Starts').fill(`${day}T10:00`);
  await dialog.getByLabel('Ends').fill(`${day}T11:00`);
  await dialog.getByRole('button', { name: 'Add event' }).click();
  await expect(page.getByTestId('planner-event').filter({ hasText: 'Offline event' })).toHaveAccessibleName(/^Offline event.*, waiting to send$/);
  await page.goto('/settings');
  await page.getByLabel('Name').fill('Offline name');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('waiting-to-send')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Saved on this device' })).toHaveCount(0);
  await expect(page.getByTestId('outbox-status')).toHaveAttribute('title', '6 changes waiting to send');
  const kept = await outboxOf(page, user.id);
  expect(kept).toHaveLength(6);

  // Online: delivered once; then the very same records are put back and replayed a second time.
  await context.setOffline(false);
  await expect(page.getByTestId('outbox-status')).toHaveCount(0);
  await putBack(page, user.id, kept);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect.poll(async () => (await outboxOf(page, user.id)).length).toBe(0);

  const get = async (path: string) => (await context.request.get(path)).json();
  const habits = await get('/api/habits');
  expect(habits.habits[0].history).toEqual([habits.today]);
  expect((await get('/api/quests')).quests.map((q: { title: string }) => q.title)).toEqual(['Offline quest']);
  expect((await get('/api/books')).books.map((b: { title: string }) => b.title)).toEqual(['Offline book']);
  const now = Date.now();
  expect(await get(`/api/mood/entries?from=${now - 86_400_000}&to=${now + 60_000}`)).toHaveLength(1);
  const events = await get(`/api/planner/events?from=${now - 2 * 86_400_000}&to=${now + 2 * 86_400_000}`);
  expect(events.map((e: { title: string }) => e.title)).toEqual(['Offline event']);
  expect((await get('/api/me')).name).toBe('Offline name');
});
