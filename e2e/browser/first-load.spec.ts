import { expect, test } from '@playwright/test';
import { signedInContext } from '../fixtures';

// Decision 059: what every app page loads first carries neither next-auth's client (the session is
// the app's own) nor Zod (forms on screen check their input by hand, with the server's rules). The
// first load is the scripts the server's HTML names (its <script> tags and the chunks of the page's
// client components in the payload); what a page imports later, on demand, is not in it. No browser
// page is opened: the HTML and the chunks are read over HTTP.

const APP_PAGES = ['/today', '/focus', '/planner', '/tasks', '/quests', '/habits', '/progress', '/books', '/mood', '/settings', '/admin'];

/** Strings that survive minification and appear in nothing else. */
const MARKERS = {
  'next-auth client': ['nextauth.message', 'CLIENT_FETCH_ERROR'],
  zod: ['$ZodType', 'ZodError'],
  // Decision 071: the rules' package comes with the first repeating task, not with a page.
  rrule: ['Unable to fully convert this rrule to text'],
};

test('no app page loads next-auth’s client, Zod or rrule first', async ({ context }) => {
  await signedInContext(context, 'first-load');
  const request = context.request;
  const chunks = new Map<string, Promise<string>>();
  const found: string[] = [];
  for (const path of ['/login', ...APP_PAGES]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    const html = await res.text();
    const names = new Set([...html.matchAll(/\/_next\/static\/chunks\/[\w.-]+\.js/g)].map(([m]) => m));
    expect(names.size, `${path} names its scripts`).toBeGreaterThan(0);
    for (const name of names) {
      if (!chunks.has(name))
        chunks.set(
          name,
          request.get(name).then((r) => r.text()),
        );
      const body = await chunks.get(name)!;
      for (const [what, markers] of Object.entries(MARKERS)) {
        if (markers.some((m) => body.includes(m))) found.push(`${path}: ${what} in ${name}`);
      }
    }
  }
  expect(found).toEqual([]);
});

// Decision 065: the tasks engine, loaded after the page's first paint where tasks show, checks what
// it reads by hand and brings no Zod; Settings only reports on the engine and loads none of it.
test('the tasks engine brings no Zod nor, without a repeating task, rrule; Settings does not load it', async ({ context, page }) => {
  await signedInContext(context, 'first-load-engine');
  const scripts: Promise<string>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') scripts.push(res.text());
  });
  const loaded = async () => (await Promise.all(scripts.splice(0))).join('\n');

  await page.goto('/tasks');
  await expect(page.getByTestId('tasks-sync-status')).toHaveAttribute('data-synced', 'true');
  const tasks = await loaded();
  // The engine's own code is among them (its bootstrap endpoint), and no Zod is.
  expect(tasks).toContain('/api/sync/bootstrap');
  for (const marker of [...MARKERS.zod, ...MARKERS.rrule]) expect(tasks).not.toContain(marker);
  // Decision 072: the row editor's code waits until a row is opened, or the pointer or focus comes into the list.
  expect(tasks).not.toContain('Could not save these details');

  const fresh = await context.newPage();
  fresh.on('response', (res) => {
    if (res.request().resourceType() === 'script') scripts.push(res.text());
  });
  await fresh.goto('/settings');
  await expect(fresh.getByRole('button', { name: 'Sync tasks now' })).toBeVisible();
  await fresh.waitForLoadState('networkidle');
  expect(await loaded()).not.toContain('/api/sync/bootstrap');
});
