import { expect, test, type APIRequestContext } from '@playwright/test';
import { addDays, instantAt, localDay, startOfDay } from '../../lib/shared/days';
import { formatsFor } from '../../lib/shared/format';
import { acceptTerms, logIn, newUser, signUp } from '../fixtures';

// The profile's clock and the browser's are 25 hours apart, so their dates differ at every moment.
const PROFILE_ZONE = 'Pacific/Kiritimati'; // UTC+14
const BROWSER_ZONE = 'Pacific/Pago_Pago'; // UTC−11
const HOUR = 3_600_000;

test.use({ timezoneId: BROWSER_ZONE, locale: 'en-GB' });

async function post<T extends object>(request: APIRequestContext, url: string, data: unknown): Promise<T & { id: string }> {
  const res = await request.post(url, { data });
  expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
  return res.json();
}

test('every page counts days and writes dates in the profile’s zone, one way, whatever the browser’s zone', async ({ context, page }) => {
  const user = newUser('dates');
  await signUp(context.request, user, PROFILE_ZONE);
  expect((await logIn(context.request, user)).status()).toBe(200);
  await acceptTerms(context.request);
  await logIn(context.request, user);

  const { request } = context;
  const f = formatsFor(PROFILE_ZONE, 'en-GB');
  const today = localDay(Date.now(), PROFILE_ZONE);
  expect(localDay(Date.now(), BROWSER_ZONE)).not.toBe(today);
  const lunch = instantAt(today, '12:00', PROFILE_ZONE);
  await post(request, '/api/planner/events', { title: 'Lunch with Ana', startsAt: lunch, endsAt: lunch + HOUR });
  const deadline = startOfDay(addDays(today, 3), PROFILE_ZONE) - 1;
  await post(request, '/api/quests', { title: 'Ship the release', target: 5, xpReward: 50, deadline });
  const planned = await post(request, '/api/quests', { title: 'Plan the release', target: 1, xpReward: 10 });
  const quest = await post<{ completedAt: number }>(request, `/api/quests/${planned.id}/complete`, {});
  const dune = await post(request, '/api/books', { title: 'Dune', totalPages: 412 });
  const book = await post<{ completedAt: number }>(request, `/api/books/${dune.id}/complete`, {});

  // Today and Planner name the same day: the profile's.
  await page.goto('/today');
  await expect(page.getByTestId('plan-day')).toHaveText(f.calendarDay(today, 'long'));
  await page.goto('/planner');
  await expect(page.getByTestId(`planner-day-${today}`).getByRole('button', { name: /Lunch with Ana/ })).toContainText(f.timeRange(lunch, lunch + HOUR));
  await page.getByRole('radio', { name: 'Agenda' }).click();
  await expect(page.getByTestId(`planner-agenda-${today}`).getByRole('heading')).toHaveText(`${f.longDay(lunch)} · Today`);

  // A completion, a deadline and a finished book: the same day format, on the profile's calendar.
  await page.goto('/quests');
  await expect(page.getByRole('article', { name: 'Plan the release' })).toContainText(`Completed ${f.day(quest.completedAt)}`);
  await expect(page.getByText(`Due ${f.day(deadline)}`)).toBeVisible();
  expect(f.day(deadline)).toBe(f.calendarDay(addDays(today, 2)));
  await page.goto('/books');
  await expect(page.getByRole('article', { name: 'Dune' })).toContainText(`Finished ${f.day(book.completedAt)}`);
});
