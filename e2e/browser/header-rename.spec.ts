import { expect, test, type BrowserContext } from '@playwright/test';
import { acceptTerms, logIn, newUser, signUp } from '../fixtures';

async function signedIn(context: BrowserContext, user: ReturnType<typeof newUser>) {
  await logIn(context.request, user);
  await acceptTerms(context.request);
  await logIn(context.request, user);
}

test('a rename in one browser shows in the header of another signed-in browser without a reload', async ({ browser }) => {
  const deviceA = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const deviceB = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const user = newUser('rename');
    await signUp(deviceA.request, user);
    await signedIn(deviceA, user);
    await signedIn(deviceB, user);
    const pageA = await deviceA.newPage();
    const pageB = await deviceB.newPage();
    await pageA.goto('/settings');
    await pageB.goto('/today');
    await expect(pageB.getByTestId('shell-user')).toHaveText(user.name);
    await expect(pageA.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');
    await expect(pageB.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');
    let reloads = 0;
    pageB.on('framenavigated', (frame) => {
      if (frame === pageB.mainFrame()) reloads += 1;
    });

    const renamed = `Renamed ${Date.now().toString(36)}`;
    await pageA.getByLabel('Name', { exact: true }).fill(renamed);
    await pageA.getByRole('button', { name: 'Save' }).click();
    await expect(pageA.getByText('Saved.')).toBeVisible();
    await expect(pageA.getByTestId('shell-user')).toHaveText(renamed);

    // The profile contract's nudge reaches B at once while its stream is live: far inside the 5 min window.
    await expect(pageB.getByTestId('shell-user')).toHaveText(renamed, { timeout: 5_000 });
    expect(reloads).toBe(0);
  } finally {
    await deviceA.close();
    await deviceB.close();
  }
});
