import { expect, test, type BrowserContext } from '@playwright/test';
import { acceptTerms, logIn, newUser, signUp } from '../fixtures';

async function signedIn(context: BrowserContext, user: ReturnType<typeof newUser>) {
  await logIn(context.request, user);
  await acceptTerms(context.request);
  await logIn(context.request, user);
}

async function serverConnections(context: BrowserContext): Promise<number> {
  return (await (await context.request.get('/api/realtime/devices')).json()).connections;
}

test('ten tabs of one browser hold one event stream, and closing its tab hands the stream over', async ({ context }) => {
  // Ten page loads in one browser: several seconds each on a busy 2-core machine.
  test.setTimeout(150_000);
  const user = newUser('tentabs');
  await signUp(context.request, user);
  await signedIn(context, user);
  const pages = [];
  const streamsOpened = new Map<number, number>();
  for (let i = 0; i < 10; i++) {
    const page = await context.newPage();
    page.on('request', (req) => {
      if (req.url().includes('/api/events')) streamsOpened.set(i, (streamsOpened.get(i) ?? 0) + 1);
    });
    await page.goto(i % 2 ? '/today' : '/focus');
    pages.push(page);
  }
  for (const page of pages) await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');
  await expect.poll(() => serverConnections(context)).toBe(1);

  // The leader is the one tab that opened an EventSource.
  expect(streamsOpened.size).toBe(1);
  const [leaderIndex] = [...streamsOpened.keys()];
  await pages[leaderIndex].close();
  await expect.poll(() => serverConnections(context), { timeout: 10_000 }).toBe(1);
  const survivor = pages.find((_, i) => i !== leaderIndex)!;
  await expect(survivor.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');
});

test('a timer started on device A shows on device B within a second, and can be moved to B', async ({ browser }) => {
  const deviceA = await browser.newContext();
  const deviceB = await browser.newContext();
  try {
    const user = newUser('moving');
    await signUp(deviceA.request, user);
    await signedIn(deviceA, user);
    await signedIn(deviceB, user);
    const pageA = await deviceA.newPage();
    const pageB = await deviceB.newPage();
    await pageA.goto('/focus');
    await pageB.goto('/focus');
    await expect(pageA.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');
    await expect(pageB.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');

    await pageA.getByLabel('What will you work on?').fill('Realtime focus');
    await pageA.getByRole('button', { name: 'Start focus session' }).click();
    const started = Date.now();
    // Well under 1 s on an idle machine; the bound stays far below the 30 s poll, so only the SSE event meets it.
    await expect(pageB.getByTestId('bottom-bar-status')).toContainText('Realtime focus', { timeout: 3_000 });
    console.log(`timer event: device B showed the timer ${Date.now() - started} ms after the click`);

    await expect(pageA.getByTestId('focus-device')).toHaveText('Running on this device');
    await expect(pageB.getByTestId('focus-device')).toHaveText('Running on another device');
    await pageA.getByRole('button', { name: 'Move to another device…' }).click();
    await pageA.getByRole('button', { name: /^Move to Chrome on/ }).click();
    await expect(pageB.getByTestId('focus-device')).toHaveText('Running on this device', { timeout: 2_000 });
    await expect(pageB.getByText('Your focus timer moved to this device.')).toBeVisible();
    await expect(pageA.getByTestId('focus-device')).toHaveText('Running on another device');
  } finally {
    await deviceA.close();
    await deviceB.close();
  }
});
