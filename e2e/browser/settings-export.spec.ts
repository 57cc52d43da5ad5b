import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { TaskDocument } from '../../lib/shared/crdt';
import { signedInContext } from '../fixtures';

test('Settings downloads the user’s data: a ZIP holding the task and the habit they created', async ({ context, page }) => {
  const user = await signedInContext(context, 'export');
  const habit = await context.request.post('/api/habits', { data: { name: 'Stretch, then "breathe"', cadence: 'daily' } });
  expect(habit.status(), await habit.text()).toBe(201);
  const doc = new TaskDocument({ actor: randomUUID() });
  const list = doc.createList('Inbox');
  const pushed = await context.request.post('/api/sync/push', {
    data: { clientId: randomUUID(), ops: [list, doc.addTask(list.payload.listId, { title: 'Renew passport' })] },
  });
  expect(pushed.ok(), await pushed.text()).toBe(true);

  await page.goto('/settings');
  const section = page.getByRole('region', { name: 'Your data' });
  await expect(section).toContainText('as JSON and as spreadsheet (CSV) files');
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: 'Download my data' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^passion-os-export-\d{4}-\d\d-\d\d\.zip$/);

  const files = unzipSync(await readFile(await download.path()));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['README.txt', 'json/tasks.json', 'csv/tasks.csv', 'json/habits.json', 'csv/habits.csv']));
  const tasks = JSON.parse(strFromU8(files['json/tasks.json']));
  expect(tasks.lists).toEqual([expect.objectContaining({ name: 'Inbox' })]);
  expect(tasks.tasks).toEqual([expect.objectContaining({ title: 'Renew passport', list: 'Inbox', completed: false })]);
  expect(strFromU8(files['csv/habits.csv'])).toContain('"Stretch, then ""breathe"""');
  expect(JSON.parse(strFromU8(files['json/account.json'])).profile.email).toBe(user.email);
});
