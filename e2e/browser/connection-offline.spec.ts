import { expect, test } from '@playwright/test';
import { savedForOffline, signedInContext } from '../fixtures';

test('the header says Offline while the browser is offline, what still works there, and Live once it is back; the timer works offline', async ({
  context,
  page,
}) => {
  await signedInContext(context, 'offline');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/today');
  const indicator = page.getByTestId('connection-indicator');
  await expect(indicator).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('connection-label')).toHaveText('Live');
  // The worker the timer's part needs installs first: going offline mid-install would leave none
  // until the page registers again online, and that part would then wait on a fresh install.
  await savedForOffline(page, '/today');

  await context.setOffline(true);
  await expect(indicator).toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('connection-label')).toHaveText('Offline');
  await expect(indicator).toContainText('Offline — changes are kept on this device');
  await expect(indicator).toHaveAttribute('title', 'Offline — changes are kept on this device');
  await expect(page.getByRole('status', { name: /Offline/ })).toBeAttached();

  await context.setOffline(false);
  await expect(indicator).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('connection-label')).toHaveText('Live');
  await expect(indicator).toHaveAttribute('title', /appear instantly/);

  // The timer keeps start, pause and stop offline, each at the moment it was made (decision 052).
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Focus', exact: true }).click();
  await expect(page).toHaveURL(/\/focus/);
  // The worker saves pages the browser loads as documents: load /focus once, as a user opening it would.
  await page.goto('/focus');
  await savedForOffline(page, '/focus');
  await context.setOffline(true);
  await expect(indicator).toHaveAttribute('data-state', 'offline');
  await expect(indicator).toHaveAttribute(
    'title',
    'Offline — start, pause and stop are kept on this device; adding time and moving the timer need the network',
  );
  const offlineAt = Date.now();
  await page.getByLabel('What will you work on?').fill('Train ride');
  await page.getByRole('button', { name: 'Start focus session' }).click();
  const panel = page.getByRole('region', { name: 'Focus session' });
  await expect(panel.getByTestId('focus-task')).toHaveText('Train ride');
  await expect(panel.getByTestId('waiting-to-send')).toHaveText('Waiting to send');
  await panel.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(panel.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
  // A reload offline shows the timer as this device left it.
  await page.reload();
  await expect(panel.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
  await panel.getByRole('button', { name: 'Complete' }).click();
  await expect(page.getByRole('button', { name: 'Start focus session' })).toBeVisible();
  const stoppedAt = Date.now();
  await expect(page.getByTestId('outbox-status')).toHaveAttribute('title', '3 changes waiting to send');

  await context.setOffline(false);
  await expect(indicator).toHaveAttribute('data-state', 'live');
  // Delivered: the header's count of waiting changes is gone. (The panel's own mark went with the
  // session at Complete, while the stop still waited.)
  await expect(page.getByTestId('outbox-status')).toHaveCount(0);
  const from = offlineAt - 60_000;
  const sessions = (await (await page.request.get(`/api/focus/sessions?from=${from}&to=${Date.now() + 60_000}`)).json()) as {
    taskTitle: string;
    startedAt: number;
    endedAt: number;
    completed: boolean;
  }[];
  expect(sessions).toHaveLength(1);
  expect(sessions[0]).toMatchObject({ taskTitle: 'Train ride', completed: true });
  // Started and ended while offline (the server's clock is this machine's), not when the writes arrived.
  expect(sessions[0]!.startedAt).toBeGreaterThanOrEqual(offlineAt - 5_000);
  expect(sessions[0]!.endedAt).toBeLessThanOrEqual(stoppedAt + 5_000);
});
