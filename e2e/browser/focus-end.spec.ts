import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { signedInContext } from '../fixtures';

// A session's minutes are real minutes (the server keeps time; the time-scale knob only makes the
// browser poll and hear of changes sooner). What the long test checks happens at and after an end,
// so it does not sit through the minute before it: each start, made in the form, reaches the server
// as a start made earlier and sent late (decision 052's offline start, whose `at` the server
// honours), and the server's own clock then runs the rest of the session in real seconds. Its three
// users run side by side, so their remaining seconds overlap (decision 060).

interface SignalLog {
  notifications: { title: string; body?: string }[];
  chimes: number;
  permissionAsks: number;
}

declare global {
  interface Window {
    __signals: SignalLog;
  }
}

/** Compresses every contract duration in this context: 30 s becomes 30 s × scale. */
async function compressTime(context: BrowserContext, scale: number) {
  await context.addInitScript((s) => localStorage.setItem('pos:sync-time-scale', String(s)), scale);
}

/**
 * Records in each tab what reaches the user at 0:00: every Notification constructed, every Web Audio
 * oscillator started, every permission request. `askable`: the permission starts as "default".
 */
async function recordSignals(context: BrowserContext, askable = false) {
  await context.addInitScript((startsDefault) => {
    const log: SignalLog = { notifications: [], chimes: 0, permissionAsks: 0 };
    window.__signals = log;
    const Real = window.Notification;
    let faked: NotificationPermission | null = startsDefault ? 'default' : null;
    class RecordingNotification {
      static get permission(): NotificationPermission {
        return faked ?? Real.permission;
      }
      static async requestPermission(): Promise<NotificationPermission> {
        log.permissionAsks += 1;
        if (faked) return (faked = 'granted');
        return Real.requestPermission();
      }
      constructor(title: string, options?: NotificationOptions) {
        log.notifications.push({ title, body: options?.body });
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true, writable: true });
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args: Parameters<OscillatorNode['start']>) {
      log.chimes += 1;
      return start.apply(this, args);
    };
  }, askable);
}

const signalsOf = (page: Page) => page.evaluate(() => window.__signals);

/** What a background tab looks like to the page: hidden, with its visibilitychange. */
async function hide(page: Page) {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/**
 * Moves the next start's `at` (the moment the browser says the user pressed Start, on the server's
 * clock) `seconds` earlier, as if it had been made offline then and sent now: the session the server
 * keeps is `seconds` old when the page first shows it.
 */
async function startedEarlier(context: BrowserContext, seconds: number) {
  await context.route('**/api/focus/start', async (route) => {
    const body = route.request().postDataJSON() as { at: number };
    expect(typeof body.at).toBe('number');
    await route.continue({ postData: JSON.stringify({ ...body, at: body.at - seconds * 1000 }) });
  });
}

interface StartOptions {
  title: string;
  mode: 'Single focus' | 'Pomodoro';
  minutes: number;
  graceMinutes?: number;
  /** Minutes of every pomodoro phase. */
  phases?: number;
  /** Start from the form already shown (a new page load would reset the tab's signal log). */
  here?: boolean;
}

async function startSession(page: Page, o: StartOptions) {
  if (!o.here) await page.goto('/focus');
  await page.getByRole('radio', { name: o.mode }).click();
  await page.getByLabel('Total minutes').fill(String(o.minutes));
  if (o.phases) for (const label of ['Focus', 'Short break', 'Long break']) await page.getByLabel(label, { exact: true }).fill(String(o.phases));
  if (o.graceMinutes) {
    await page.getByText('When time is up', { exact: true }).click();
    await page.getByLabel('Complete a forgotten session after (min)').fill(String(o.graceMinutes));
  }
  await page.getByLabel('What will you work on?').fill(o.title);
  await page.getByRole('button', { name: 'Start focus session' }).click();
  await expect(page.getByTestId('focus-task')).toHaveText(o.title);
}

/** The header badge, the bottom bar, the big clock and the tab title, read in one go. */
const clocks = (page: Page) =>
  page.evaluate(() => [
    document.querySelector('[data-testid="focus-indicator-clock"]')?.textContent,
    document.querySelector('[data-testid="bottom-bar-clock"]')?.textContent,
    document.querySelector('[data-testid="focus-clock"]')?.textContent,
    document.title.split(' · ')[0],
  ]);

const panelOf = (page: Page) => page.getByRole('region', { name: 'Focus session' });

test('one clock and a timer that ends: signals at 0:00 from a hidden tab, +5 min, Skip break, Abandon asks, a forgotten session completes itself', async ({
  browser,
}) => {
  // Three users side by side, each session started in the past, so what is left of them overlaps.
  test.setTimeout(120_000);
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [forgetting, pomodoro, ending] = contexts;
  try {
    // Started first: its deadline (one minute of session, one of grace) is the furthest; 95 of its
    // 120 s have passed when the server gets it.
    await signedInContext(forgetting, 'forgot');
    await compressTime(forgetting, 0.05);
    await startedEarlier(forgetting, 95);
    const left = await forgetting.newPage();
    await startSession(left, { title: 'Forgotten memo', mode: 'Single focus', minutes: 1, graceMinutes: 1 });
    await left.close();

    // Pomodoro: one-minute phases, 30 s of the first gone, so its break comes before the single session's end below.
    await signedInContext(pomodoro, 'pomodoro');
    await compressTime(pomodoro, 0.05);
    await startedEarlier(pomodoro, 30);
    const pomo = await pomodoro.newPage();
    await startSession(pomo, { title: 'Pomodoro memo', mode: 'Pomodoro', minutes: 3, phases: 1 });
    // The phase's time left, not the session's (which would read 2:xx), in every place at once.
    await expect.poll(async () => new Set(await clocks(pomo)).size).toBe(1);
    expect((await clocks(pomo))[0]).toMatch(/^[01]:\d\d$/);

    await ending.grantPermissions(['notifications']);
    await signedInContext(ending, 'end');
    await compressTime(ending, 0.05);
    await startedEarlier(ending, 30);
    await recordSignals(ending);
    // The background tab opens first, so it leads the "timer end" election of this browser.
    const background = await ending.newPage();
    await background.goto('/today');
    await expect(background.getByTestId('bottom-bar-status')).toBeVisible();
    await hide(background);
    const page = await ending.newPage();
    await startSession(page, { title: 'Write Q1 memo', mode: 'Single focus', minutes: 1 });
    await expect(page).toHaveTitle(/^[01]:\d\d · Focus$/);
    await expect.poll(async () => new Set(await clocks(page)).size).toBe(1);
    await expect(background.getByTestId('bottom-bar-status')).toContainText('Write Q1 memo');
    await expect(background).toHaveTitle(/^[01]:\d\d · Focus$/);

    // The pomodoro's break: one clock still, and Skip break in the bottom bar and on /focus.
    await expect(pomo).toHaveTitle(/^[01]:\d\d · Break$/, { timeout: 75_000 });
    await expect.poll(async () => new Set(await clocks(pomo)).size).toBe(1);
    const bar = pomo.getByTestId('bottom-bar');
    await expect(bar.getByRole('button', { name: 'Skip break' })).toBeVisible();
    await panelOf(pomo).getByRole('button', { name: 'Skip break' }).click();
    await expect(pomo.getByTestId('focus-phase')).toHaveText('Focus · round 2');
    await expect(pomo).toHaveTitle(/^[01]:\d\d · Focus$/);
    await expect(bar.getByRole('button', { name: 'Skip break' })).toHaveCount(0);
    // More than a minute has run: Abandon asks first.
    await panelOf(pomo).getByRole('button', { name: 'Abandon' }).click();
    const confirm = panelOf(pomo).getByRole('group', { name: 'Confirm abandon' });
    await expect(confirm).toContainText('Abandon this session?');
    await confirm.getByRole('button', { name: 'Keep going' }).click();
    await expect(pomo.getByTestId('focus-task')).toHaveText('Pomodoro memo');
    await panelOf(pomo).getByRole('button', { name: 'Abandon' }).click();
    await panelOf(pomo).getByRole('button', { name: 'Abandon session' }).click();
    await expect(pomo.getByTestId('bottom-bar-status')).toHaveText(/No focus session running/);
    await expect(pomo.getByRole('region', { name: "Today's sessions" })).toContainText(/Pomodoro memo\s*1 min · abandoned/);

    // 0:00 of the single session: the hidden tab, which leads, chimes and notifies; every tab's title says so.
    await expect(page).toHaveTitle("Time's up", { timeout: 75_000 });
    await expect
      .poll(async () => (await signalsOf(background)).notifications, { timeout: 10_000 })
      .toEqual([{ title: 'Focus complete — 1 min on Write Q1 memo' }]);
    expect((await signalsOf(background)).chimes).toBeGreaterThan(0);
    await expect(background).toHaveTitle("Time's up");
    await expect(page.getByTestId('focus-clock')).toHaveText('0:00');
    await expect(page.getByTestId('focus-indicator')).toContainText("Time's up");
    await expect(page.getByTestId('focus-phase')).toHaveText("Time's up");

    // A single session at its end: Complete, +5 min and Abandon, not Pause.
    const panel = panelOf(page);
    await expect(panel.getByRole('button')).toHaveText([/Complete/, '+5 min', /Abandon/, /Move to another device/]);
    await panel.getByRole('button', { name: '+5 min' }).click();
    await expect(page.getByTestId('focus-clock')).toHaveText(/^[45]:\d\d$/);
    await expect(page).toHaveTitle(/^[45]:\d\d · Focus$/);
    await expect(panel.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    await panel.getByRole('button', { name: 'Complete' }).click();
    await expect(page.getByTestId('bottom-bar-status')).toHaveText(/No focus session running/);
    await expect(page).toHaveTitle('Focus · Passion OS');
    await expect(page.getByRole('region', { name: "Today's sessions" })).toContainText('Write Q1 memo');
    await expect(background).toHaveTitle('Today · Passion OS');
    // One signal in the browser, from the leader alone, however long the other tab has been open since.
    expect(await signalsOf(page)).toMatchObject({ notifications: [], chimes: 0 });
    expect((await signalsOf(background)).notifications).toHaveLength(1);

    // The forgotten session, with no tab open: the server completes it on the first read past its grace.
    await expect
      .poll(async () => ((await (await forgetting.request.get('/api/focus/active')).json()) as { session: unknown }).session, {
        timeout: 90_000,
        intervals: [5_000],
      })
      .toBeNull();
    const back = await forgetting.newPage();
    await back.goto('/focus');
    await expect(back.getByRole('status').filter({ hasText: /^Your 1-min focus on Forgotten memo completed itself at \d{1,2}:\d{2}/ })).toBeVisible();
    await expect(back.getByTestId('bottom-bar-status')).toHaveText(/No focus session running/);
    await expect(back.getByTestId('focus-indicator')).toHaveCount(0);
    await expect(back.getByRole('region', { name: "Today's sessions" })).toContainText(/Forgotten memo\s*1 min · completed/);
    // Told once: not again on the next page, which reads the same answer.
    await back.goto('/today');
    await expect(back.getByTestId('bottom-bar-status')).toHaveText(/No focus session running/);
    await expect(back.getByRole('status').filter({ hasText: 'completed itself' })).toHaveCount(0);
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});

test('permission to notify is asked in the first start, explained, never on page load; a false start is abandoned at once and not listed', async ({
  context,
}) => {
  await signedInContext(context, 'ask');
  await recordSignals(context, true);
  const page = await context.newPage();
  await page.goto('/focus');
  await expect(page.getByTestId('notification-hint')).toHaveText(/your browser asks to let Passion OS notify you when time is up/);
  expect((await signalsOf(page)).permissionAsks).toBe(0);

  await startSession(page, { title: 'False start', mode: 'Single focus', minutes: 25, here: true });
  expect((await signalsOf(page)).permissionAsks).toBe(1);
  await panelOf(page).getByRole('button', { name: 'Abandon' }).click();
  await expect(page.getByTestId('bottom-bar-status')).toHaveText(/No focus session running/);
  await expect(page.getByRole('region', { name: "Today's sessions" })).toContainText('No finished sessions yet today.');
  await expect(page.getByTestId('notification-hint')).toHaveCount(0);
  await startSession(page, { title: 'Second start', mode: 'Single focus', minutes: 25, here: true });
  expect((await signalsOf(page)).permissionAsks).toBe(1);
});
