import { expect, test } from '@playwright/test';
import { signedInContext } from '../fixtures';

test.describe('settings: API keys, devices and this browser', () => {
  test('creates a key shown once with a Copy button, registers a device with it, renames, removes and revokes', async ({ context, page, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    // The page follows the 'mood' contract (1 min staleness); compressed, a reload a second later refetches.
    await context.addInitScript(() => localStorage.setItem('pos:sync-time-scale', '0.01'));
    await signedInContext(context, 'settings');
    await page.goto('/settings');

    // The tasks op-log engine runs where tasks show: here it starts when asked, then has nothing
    // pending and has synced with the server.
    await expect(page.getByTestId('browser-task-sync')).toContainText('Runs on the pages that show tasks');
    await page.getByRole('button', { name: 'Sync tasks now' }).click();
    await expect(page.getByTestId('browser-task-sync')).toHaveText(/^0 pending op-log ops · last sync /);
    await expect(page.getByTestId('browser-task-sync')).not.toHaveAttribute('data-last-sync', '');
    await expect(page.getByTestId('browser-device-id')).toHaveText(/^web-/);
    await expect(page.getByTestId('browser-realtime')).toHaveAttribute('data-state', /live|connecting|reconnecting|polling/);

    await page.getByLabel('New key for').fill('Laptop CLI');
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: /API key “Laptop CLI”/ });
    await expect(dialog).toBeVisible();
    const key = await dialog.getByTestId('new-api-key').inputValue();
    expect(key).toMatch(/^pos_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(dialog.getByRole('button', { name: 'Copied', exact: true })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('new-api-key')).toHaveCount(0);
    const row = page.getByTestId('api-key-row').filter({ hasText: 'Laptop CLI' });
    await expect(row).toContainText(key.slice(0, 16));
    await expect(page.locator('body')).not.toContainText(key.slice(17));

    // A native app registers itself with the key; the page shows it after a reload.
    const registered = await page.request.post('/api/devices', {
      data: { label: 'Work iPhone', platform: 'ios' },
      headers: { authorization: `Bearer ${key}` },
    });
    expect(registered.status()).toBe(201);
    await page.waitForTimeout(1000);
    await page.reload();
    const device = page.getByTestId('device-row').filter({ hasText: 'Work iPhone' });
    await expect(device).toContainText('last seen just now');

    await device.getByRole('button', { name: 'Rename Work iPhone' }).click();
    await page.getByLabel('New name for Work iPhone').fill('Personal iPhone');
    await device.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('device-row').filter({ hasText: 'Personal iPhone' })).toBeVisible();

    await page.getByRole('button', { name: 'Remove Personal iPhone' }).click();
    await page.getByRole('button', { name: 'Remove device' }).click();
    await expect(page.getByTestId('device-row')).toHaveCount(0);

    await row.getByRole('button', { name: 'Revoke Laptop CLI' }).click();
    await row.getByRole('button', { name: 'Revoke key' }).click();
    await expect(row).toContainText('Revoked');
    const refused = await page.request.get('/api/devices', { headers: { authorization: `Bearer ${key}` } });
    expect(refused.status()).toBe(401);
  });

  test('renders the native API reference from the OpenAPI document', async ({ context, page }) => {
    await signedInContext(context, 'apidocs');
    await page.goto('/settings');
    // The list has loaded, so the page is hydrated and the link navigates on the client.
    await expect(page.getByText('No keys yet.')).toBeVisible();
    await page.getByRole('link', { name: 'API reference' }).click();
    // The reference is a large server-rendered page: on a loaded CI machine it can take a while.
    await expect(page).toHaveURL(/\/settings\/api-docs$/, { timeout: 30_000 });
    await expect(page.getByRole('heading', { name: 'Native API' })).toBeVisible();
    for (const path of ['/api/api-keys', '/api/devices', '/api/v1/sync/upload', '/api/v1/sync/download']) {
      await expect(page.locator('code', { hasText: new RegExp(`^${path.replace(/\//g, '\\/')}$`) }).first()).toBeVisible();
    }
    await expect(page.locator('#schema-HabitsData')).toContainText('timesPerWeek');
    const doc = await page.request.get('/api/v1/openapi.json');
    expect(doc.status()).toBe(200);
    expect((await doc.json()).openapi).toBe('3.1.0');
  });
});

test('"This browser" shows the op-log ops still waiting to be sent, and the last sync once they are', async ({ context, page }) => {
  await signedInContext(context, 'settings-oplog');
  await page.goto('/tasks');
  await page.getByLabel('New list name').fill('Errands');
  await page.getByRole('button', { name: 'Add list' }).click();
  await expect(page.getByTestId('list-title')).toHaveText('Errands');
  await expect(page.getByTestId('tasks-sync-status')).toHaveAttribute('data-synced', 'true');

  // Offline for task sync: a new task stays in this browser's op log.
  const SYNC_API = /\/api\/(tasks\/sync|sync\/)/;
  await page.route(SYNC_API, (route) => route.abort('internetdisconnected'));
  await page.getByLabel('New task', { exact: true }).fill('Buy stamps');
  await page.getByRole('button', { name: 'Add task' }).click();
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await expect(page).toHaveURL(/\/settings$/);
  const taskSync = page.getByTestId('browser-task-sync');
  await expect(taskSync).toHaveAttribute('data-pending', /^[1-9]\d*$/);
  await expect(taskSync).toContainText(/[1-9]\d* pending op-log ops?/);

  // Back online: the ops are sent and the count drops to zero.
  await page.unroute(SYNC_API);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(taskSync).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
  await expect(taskSync).toHaveText(/^0 pending op-log ops · last sync /);
});
