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

  // Another tab takes the lock and opens the one new stream; the server counts one again.
  await expect.poll(() => [...streamsOpened.keys()].filter((i) => i !== leaderIndex).length, { timeout: 15_000 }).toBe(1);
  await expect.poll(() => serverConnections(context), { timeout: 10_000 }).toBe(1);
  const remaining = pages.filter((_, i) => i !== leaderIndex);
  for (const page of remaining) await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');

  // The new stream really carries events to every tab: a timer started elsewhere shows in seconds,
  // long before the 30 s focus poll could bring it.
  const origin = new URL(pages[0].url()).origin;
  const started = await context.request.post('/api/focus/start', {
    data: { taskTitle: 'After the handover', mode: 'focus', plannedMinutes: 25 },
    headers: { origin, 'x-device-id': 'web-another-device' },
  });
  expect(started.status()).toBe(200);
  for (const page of remaining) await expect(page.getByTestId('bottom-bar-status')).toContainText('After the handover', { timeout: 5_000 });
  expect([...streamsOpened.values()].reduce((a, b) => a + b, 0)).toBe(2);
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

    // B notes (on its own clock, which is this machine's) when its bottom bar first shows the timer.
    await pageB.evaluate(() => {
      const w = window as unknown as { shownAt?: number };
      const check = () => {
        if (w.shownAt === undefined && document.querySelector('[data-testid="bottom-bar-status"]')?.textContent?.includes('Realtime focus'))
          w.shownAt = Date.now();
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await pageA.getByLabel('What will you work on?').fill('Realtime focus');
    const answered = pageA.waitForResponse((r) => r.url().endsWith('/api/focus/start') && r.request().method() === 'POST');
    await pageA.getByRole('button', { name: 'Start focus session' }).click();
    await answered;
    const committedAt = Date.now();
    await expect(pageB.getByTestId('bottom-bar-status')).toContainText('Realtime focus', { timeout: 5_000 });
    const shownAt = await pageB.evaluate(() => (window as unknown as { shownAt?: number }).shownAt);
    const latency = shownAt! - committedAt;
    console.log(`timer event: device B showed the timer ${latency} ms after device A's start was answered`);
    // Within one second of the server's answer to A; the focus poll (30 s) could never meet it.
    expect(latency).toBeLessThan(1_000);

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
