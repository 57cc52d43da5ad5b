import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { acceptTerms, logIn, newUser, signUp, type E2EUser } from '../fixtures';

async function signedIn(context: BrowserContext, user: E2EUser) {
  expect((await logIn(context.request, user)).status()).toBe(200);
  await acceptTerms(context.request);
  expect((await logIn(context.request, user)).status()).toBe(200);
}

const html = (page: Page) => page.locator('html');
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the theme follows the system until chosen; the choice shows in the other tab and device at once and is in the first paint after a reload', async ({
  browser,
}) => {
  const user = newUser('theme');
  const laptop = await browser.newContext({ colorScheme: 'dark' });
  const phone = await browser.newContext({ colorScheme: 'light' });
  try {
    await signUp(laptop.request, user);
    await signedIn(laptop, user);
    await signedIn(phone, user);
    const settings = await laptop.newPage();
    const otherTab = await laptop.newPage();
    const phonePage = await phone.newPage();
    await settings.goto('/settings');
    await otherTab.goto('/today');
    await phonePage.goto('/today');
    await expect(phonePage.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');

    // System: each device shows its own scheme.
    const choice = settings.getByRole('radiogroup', { name: 'Theme' });
    await expect(choice.getByRole('radio', { name: 'System' })).toHaveAttribute('aria-checked', 'true');
    await expect(html(settings)).toHaveClass('system');
    const darkBackground = await background(settings);
    const lightBackground = await background(phonePage);
    expect(darkBackground).not.toBe(lightBackground);

    // Light, chosen on the laptop: this tab at once, the laptop's other tab and the phone without a reload.
    await choice.getByRole('radio', { name: 'Light' }).click();
    await expect(choice.getByRole('radio', { name: 'Light' })).toHaveAttribute('aria-checked', 'true');
    await expect(html(settings)).toHaveClass('light');
    expect(await background(settings)).toBe(lightBackground);
    await expect(html(otherTab)).toHaveClass('light');
    await expect(html(phonePage)).toHaveClass('light');

    // Dark from the phone; then the server renders <html> dark from the first byte.
    await phonePage.goto('/settings');
    await phonePage.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'Dark' }).click();
    await expect(html(settings)).toHaveClass('dark');
    expect(await background(phonePage)).toBe(darkBackground);
    const served = await (await phone.request.get('/today')).text();
    expect(served).toMatch(/<html lang="en" class="dark"/);
  } finally {
    await laptop.close();
    await phone.close();
  }
});
