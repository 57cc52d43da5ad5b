import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { logIn, newUser, signUp, acceptTerms, signedInContext } from '../fixtures';

const ACTIVE = '/api/focus/active';

/** Compresses every contract duration in this context: 30 s becomes 30 s × scale. */
async function compressTime(context: BrowserContext, scale: number) {
  await context.addInitScript((s) => localStorage.setItem('pos:sync-time-scale', String(s)), scale);
}

function countActiveRequests(target: BrowserContext | Page): { count: () => number; reset: () => void; byPage: Map<Page, number> } {
  let n = 0;
  const byPage = new Map<Page, number>();
  target.on('request', (req) => {
    if (!req.url().endsWith(ACTIVE)) return;
    n += 1;
    const page = req.frame().page();
    byPage.set(page, (byPage.get(page) ?? 0) + 1);
  });
  return {
    count: () => n,
    reset: () => {
      n = 0;
      byPage.clear();
    },
    byPage,
  };
}

async function startTimer(page: Page, title: string) {
  await page.goto('/focus');
  await page.getByLabel('What will you work on?').fill(title);
  await page.getByRole('button', { name: 'Start focus session' }).click();
  await expect(page.getByTestId('focus-task')).toHaveText(title);
}

test('BottomBar, FocusIndicator and /focus together make one request per interval, not one each', async ({ context, page }) => {
  await signedInContext(context, 'dedup');
  await compressTime(context, 0.05); // 30 s → 1.5 s
  await startTimer(page, 'Deduplicated polling');
  await expect(page.getByTestId('focus-indicator')).toBeVisible();
  await expect(page.getByTestId('bottom-bar-clock')).toBeVisible();
  const requests = countActiveRequests(page);
  await page.waitForTimeout(2_000);
  requests.reset();
  await page.waitForTimeout(15_000);
  // 15 s / 1.5 s = 10 polls for one poller; three independent pollers would make ~30.
  expect(requests.count()).toBeGreaterThanOrEqual(8);
  expect(requests.count()).toBeLessThanOrEqual(12);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the running timer’s bar stays clear of the quick-add button; its dot pulses, and stops when the system asks for less motion', async ({
    context,
    page,
  }) => {
    await signedInContext(context, 'motion');
    await startTimer(page, 'Calm');
    // Every control of the bar takes its own taps: nothing floats over it.
    const bar = page.getByTestId('bottom-bar');
    await expect(bar.getByRole('button')).not.toHaveCount(0);
    for (const control of await bar.getByRole('button').all()) {
      const clear = await control.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.closest('button') === el;
      });
      expect(clear, `the middle of "${await control.getAttribute('aria-label')}" is the button itself`).toBe(true);
    }
    const fab = (await page.getByTestId('quick-add-fab').boundingBox())!;
    expect(fab.y + fab.height).toBeLessThanOrEqual((await bar.boundingBox())!.y);
    const dot = page.getByTestId('bottom-bar-dot');
    const running = () => dot.evaluate((el) => el.getAnimations().filter((a) => a.playState === 'running').length);
    await expect.poll(running).toBe(1);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(running).toBe(0);
    await page.reload();
    await expect(page.getByTestId('focus-task')).toHaveText('Calm');
    await expect.poll(running).toBe(0);
  });
});

test('three tabs share one poller, and closing the leader keeps polling alive', async ({ context }) => {
  // Three page loads and two 9 s windows: about a minute on a busy 2-core machine.
  test.setTimeout(150_000);
  await signedInContext(context, 'tabs');
  await compressTime(context, 0.05);
  const pages = [await context.newPage(), await context.newPage(), await context.newPage()];
  for (const p of pages) await p.goto('/focus');
  await startTimer(pages[0], 'Three tabs');
  for (const p of pages) await expect(p.getByTestId('bottom-bar-status')).toContainText('Three tabs');
  const requests = countActiveRequests(context);
  await pages[0].waitForTimeout(2_000);
  requests.reset();
  // 9 s / 1.5 s = 6 polls for one poller; three independent pollers would make ~18. The next poll
  // is due 1.5 s after the last answer, and on a busy machine an answer can take seconds to reach
  // the page (3 polls were seen): the lower bound only proves that polling goes on.
  await pages[0].waitForTimeout(9_000);
  expect(requests.count()).toBeGreaterThanOrEqual(2);
  expect(requests.count()).toBeLessThanOrEqual(9);

  const [leader] = [...requests.byPage.entries()].sort((a, b) => b[1] - a[1])[0];
  const others = pages.filter((p) => p !== leader);
  await leader.close();
  requests.reset();
  await others[0].waitForTimeout(9_000);
  expect(requests.count()).toBeGreaterThanOrEqual(2);
  expect(requests.count()).toBeLessThanOrEqual(9);
});

test('by polling alone, a timer started on one device shows on another within 30 s; a pause shows in the other tab at once', async ({ browser }) => {
  // Up to 31 s waiting for one poll, on top of signing two devices in.
  test.setTimeout(120_000);
  const deviceA = await browser.newContext();
  const deviceB = await browser.newContext();
  try {
    const user = newUser('devices');
    await signUp(deviceA.request, user);
    for (const ctx of [deviceA, deviceB]) {
      await logIn(ctx.request, user);
      await acceptTerms(ctx.request);
      await logIn(ctx.request, user);
    }
    // No realtime on either device: what crosses devices here is the 30 s poll alone, and what
    // crosses tabs is the browser's own tab channel.
    for (const ctx of [deviceA, deviceB]) await ctx.route(/\/api\/events/, (route) => route.abort('connectionrefused'));
    const pageB = await deviceB.newPage();
    await pageB.goto('/today');
    await expect(pageB.getByTestId('bottom-bar-status')).toHaveText(/No focus session running/);
    await expect(pageB.getByTestId('connection-indicator')).not.toHaveAttribute('data-state', 'live');

    const pageA = await deviceA.newPage();
    await startTimer(pageA, 'Cross-device focus');
    await expect(pageB.getByTestId('bottom-bar-status')).toContainText('Cross-device focus', { timeout: 31_000 });

    const secondTabA = await deviceA.newPage();
    await secondTabA.goto('/today');
    await expect(secondTabA.getByTestId('bottom-bar-status')).toContainText('Cross-device focus');
    await pageA.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(secondTabA.getByTestId('bottom-bar-status')).toContainText('Paused', { timeout: 3_000 });
  } finally {
    await deviceA.close();
    await deviceB.close();
  }
});
