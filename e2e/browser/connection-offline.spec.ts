import { expect, test } from '@playwright/test';
import { signedInContext } from '../fixtures';

test('the header says Offline while the browser is offline, what still works there, and Live once it is back', async ({ context, page }) => {
  await signedInContext(context, 'offline');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/today');
  const indicator = page.getByTestId('connection-indicator');
  await expect(indicator).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('connection-label')).toHaveText('Live');

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

  // The focus timer's writes mean "now" and are not kept for later: there, and only there, it says so.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Focus', exact: true }).click();
  await expect(page).toHaveURL(/\/focus/);
  await context.setOffline(true);
  await expect(indicator).toHaveAttribute('data-state', 'offline');
  await expect(indicator).toHaveAttribute('title', 'Offline — showing what this device last saw');
  await context.setOffline(false);
  await expect(indicator).toHaveAttribute('data-state', 'live');
});
