import { expect, test, type Page } from '@playwright/test';
import { signedInContext } from '../fixtures';

test.use({ timezoneId: 'Europe/Berlin' });

/** Runs `action` and waits for the write it sends: the page is optimistic, so the UI alone does not say it has landed. */
async function andWaitFor(page: Page, method: string, path: string, action: () => Promise<void>) {
  const landed = page.waitForResponse((res) => res.request().method() === method && new URL(res.url()).pathname.startsWith(path));
  await action();
  expect((await landed).status()).toBe(200);
}

test('creates an activity, logs a mood with it, takes a check-in, schedules one and sees it due', async ({ context, page }) => {
  await signedInContext(context, 'mood');
  await page.goto('/mood');
  await expect(page.getByTestId('activities-empty')).toBeVisible();
  await expect(page.getByTestId('mood-history-empty')).toBeVisible();
  await expect(page.getByTestId('schedules-empty')).toBeVisible();

  // An activity, renamed
  const activities = page.getByRole('region', { name: 'Activities' });
  await activities.getByLabel('New activity').fill('Walk');
  await activities.getByRole('radio', { name: 'Green' }).check();
  await activities.getByRole('button', { name: 'Add activity' }).click();
  await expect(activities.getByTestId('activity')).toHaveText(['Walk']);
  await activities.getByRole('button', { name: 'Rename Walk' }).click();
  await activities.getByLabel('New name for Walk').fill('Long walk');
  await andWaitFor(page, 'PATCH', '/api/mood/activities/', () => activities.getByLabel('New name for Walk').press('Enter'));
  await expect(activities.getByTestId('activity')).toHaveText(['Long walk']);

  // A mood with it
  const log = page.getByRole('region', { name: 'How are you feeling?' });
  await log.getByRole('button', { name: 'Log mood' }).click();
  await expect(log.getByText('Choose how you feel, from 1 to 10')).toBeVisible();
  await log.getByRole('radio', { name: '8', exact: true }).check();
  await log.getByRole('checkbox', { name: 'Long walk' }).check();
  await log.getByLabel('Notes').fill('Sunny afternoon');
  await log.getByRole('button', { name: 'Log mood' }).click();
  const history = page.getByRole('region', { name: 'Last 30 days' });
  const entry = history.getByTestId('mood-entry');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('8');
  await expect(entry).toContainText('Long walk');
  await expect(entry).toContainText('Sunny afternoon');

  // Edited
  await entry.getByRole('button', { name: /Edit the mood from/ }).click();
  await entry.getByRole('radio', { name: '6', exact: true }).check();
  await andWaitFor(page, 'PATCH', '/api/mood/entries/', () => entry.getByRole('button', { name: 'Save entry' }).click());
  await expect(history.getByLabel('Mood 6 of 10')).toBeVisible();

  // A second mood without the activity: the chart and "what goes with better days" read both.
  await log.getByRole('radio', { name: '3', exact: true }).check();
  await log.getByRole('button', { name: 'Log mood' }).click();
  await expect(entry).toHaveCount(2);
  const insights = page.getByRole('region', { name: 'Your mood over time' });
  await expect(insights.getByText(/^Daily average, 1 to 10 · 1 of 30 days logged · average 4\.5$/)).toBeVisible();
  await expect(insights.getByTestId('mood-effects').getByRole('row', { name: /Long walk/ })).toHaveText(/Long walk\s*6\.0 \(1\)\s*3\.0 \(1\)\s*\+3\.0/);

  // A check-in, scored by the server
  const checkins = page.getByRole('region', { name: 'Check-ins' });
  await checkins
    .getByRole('group', { name: /Little interest or pleasure/ })
    .getByRole('radio', { name: 'Several days' })
    .check();
  await checkins.getByRole('button', { name: 'Save check-in' }).click();
  await expect(checkins.getByText('Answer this question')).toBeVisible();
  await checkins
    .getByRole('group', { name: /Feeling down/ })
    .getByRole('radio', { name: 'More than half the days' })
    .check();
  await checkins.getByRole('button', { name: 'Save check-in' }).click();
  await expect(checkins.getByTestId('checkin-result')).toContainText('Mood check: 3 of 6 · Worth paying attention to');
  await expect(checkins.getByTestId('assessment')).toHaveCount(1);

  // A schedule that is due now, taken from the due card
  const schedules = page.getByRole('region', { name: 'Schedules' });
  await schedules.getByLabel('Check-in', { exact: true }).selectOption({ label: 'Wellbeing check' });
  await schedules.getByLabel('How often').selectOption('weekly');
  await schedules.getByRole('button', { name: 'Add schedule' }).click();
  await expect(schedules.getByTestId('schedule')).toContainText('Due now');
  const due = page.getByTestId('due-checkins');
  await expect(due).toContainText('Wellbeing check');
  await due.getByRole('button', { name: 'Take the wellbeing check' }).click();
  await expect(checkins.getByRole('radio', { name: 'Wellbeing check' })).toBeChecked();
  for (const question of [/cheerful/, /calm/, /active/, /fresh and rested/, /filled with things/]) {
    await checkins.getByRole('group', { name: question }).getByRole('radio', { name: 'Most of the time' }).check();
  }
  await checkins.getByRole('button', { name: 'Save check-in' }).click();
  await expect(checkins.getByTestId('checkin-result')).toContainText('Wellbeing check: 80 of 100 · Good wellbeing');
  await expect(due).toBeHidden();
  await expect(schedules.getByTestId('schedule')).toContainText('Next due');

  // Everything reached the server
  await page.reload();
  await expect(page.getByRole('region', { name: 'Activities' }).getByTestId('activity')).toHaveText(['Long walk']);
  await expect(page.getByRole('region', { name: 'Last 30 days' }).getByLabel('Mood 6 of 10')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Check-ins' }).getByTestId('assessment')).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Schedules' }).getByTestId('schedule')).toContainText('Next due');
  await expect(page.getByTestId('due-checkins')).toBeHidden();
});

test('deletes a mood entry, an activity and a schedule, and switching a schedule off hides it from the due card', async ({ context, page }) => {
  await signedInContext(context, 'mood-delete');
  await page.goto('/mood');
  const activities = page.getByRole('region', { name: 'Activities' });
  await activities.getByLabel('New activity').fill('Reading');
  await activities.getByRole('button', { name: 'Add activity' }).click();
  await expect(activities.getByTestId('activity')).toHaveText(['Reading']);

  const log = page.getByRole('region', { name: 'How are you feeling?' });
  await log.getByRole('radio', { name: '3', exact: true }).check();
  await log.getByRole('button', { name: 'Log mood' }).click();
  const history = page.getByRole('region', { name: 'Last 30 days' });
  await expect(history.getByTestId('mood-entry')).toHaveCount(1);

  const schedules = page.getByRole('region', { name: 'Schedules' });
  await schedules.getByLabel('How often').selectOption('daily');
  const created = page.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname === '/api/mood/schedules');
  await schedules.getByRole('button', { name: 'Add schedule' }).click();
  expect((await created).ok()).toBe(true);
  await expect(page.getByTestId('due-checkins')).toContainText('Mood check');
  // The optimistic row is replaced by the server's once the create settles; toggle the settled one.
  const toggle = schedules.getByRole('checkbox', { name: /schedule on/ });
  await expect(toggle).toBeEnabled();
  // click(), not uncheck(): the optimistic change lands after the mutation's async onMutate, and
  // uncheck() checks the state straight after its click.
  await andWaitFor(page, 'PATCH', '/api/mood/schedules/', () => toggle.click());
  await expect(toggle).not.toBeChecked();
  await expect(page.getByTestId('due-checkins')).toBeHidden();
  await expect(schedules.getByTestId('schedule')).toContainText('Off');

  await andWaitFor(page, 'DELETE', '/api/mood/entries/', () => history.getByRole('button', { name: /Delete the mood from/ }).click());
  await expect(history.getByTestId('mood-history-empty')).toBeVisible();
  await andWaitFor(page, 'DELETE', '/api/mood/activities/', () => activities.getByRole('button', { name: 'Delete Reading' }).click());
  await expect(activities.getByTestId('activities-empty')).toBeVisible();
  await andWaitFor(page, 'DELETE', '/api/mood/schedules/', () => schedules.getByRole('button', { name: /Delete the daily mood check schedule/ }).click());
  await expect(schedules.getByTestId('schedules-empty')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('mood-history-empty')).toBeVisible();
  await expect(page.getByTestId('activities-empty')).toBeVisible();
  await expect(page.getByTestId('schedules-empty')).toBeVisible();
});
