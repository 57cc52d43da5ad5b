import { expect, test, type BrowserContext } from '@playwright/test';
import { signedInContext } from '../fixtures';

async function post(context: BrowserContext, url: string, data: unknown) {
  const res = await context.request.post(url, { data });
  expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
  return res.json();
}

test('completing a quest that raises the level says so in an announced toast; one that does not stays quiet', async ({ context, page }) => {
  await signedInContext(context, 'level');
  // 150 XP: level 2 (level 3 begins at 300).
  const first = await post(context, '/api/quests', { title: 'Warm up', target: 1, xpReward: 150 });
  await post(context, `/api/quests/${first.id}/complete`, {});
  await post(context, '/api/quests', { title: 'Small step', target: 1, xpReward: 10 });
  await post(context, '/api/quests', { title: 'Big climb', target: 1, xpReward: 200 });

  await page.goto('/quests');
  await expect(page.getByTestId('xp-level')).toHaveText('2');

  const small = page.getByRole('article', { name: 'Small step' });
  const answered = page.waitForResponse((r) => r.url().endsWith('/complete') && r.request().method() === 'POST');
  await small.getByRole('button', { name: 'Complete', exact: true }).click();
  await answered;
  await expect(page.getByTestId('xp-total')).toHaveText('160');
  await expect(page.getByRole('status').filter({ hasText: /reached/ })).toHaveCount(0);

  await page.getByRole('article', { name: 'Big climb' }).getByRole('button', { name: 'Complete', exact: true }).click();
  const toast = page.getByRole('status').filter({ hasText: 'Level 3 reached!' });
  await expect(toast).toBeVisible();
  await expect(page.getByTestId('xp-level')).toHaveText('3');
  await expect(page.getByRole('status').filter({ hasText: /reached/ })).toHaveCount(1);
});
