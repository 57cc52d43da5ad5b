import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { SW_SETTLES_MS, savedForOffline, signedInContext } from '../fixtures';

/**
 * The app behind a proxy that can play a deploy: from `deploy()` on, the service worker it serves
 * has other bytes, as the next build's worker would (the browser fetches worker scripts itself, out
 * of Playwright's reach, so the change is made on the wire).
 */
async function deployableApp(baseURL: string) {
  const target = new URL(baseURL);
  let build = 1;
  const proxy = http.createServer((req, res) => {
    const worker = build > 1 && (req.url ?? '').startsWith('/serwist/sw.js');
    const headers = { ...req.headers };
    if (worker) {
      // Plain bytes to append to, and no 304 for the old build's validators.
      delete headers['accept-encoding'];
      delete headers['if-none-match'];
      delete headers['if-modified-since'];
    }
    const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers }, (up) => {
      if (!worker || up.statusCode !== 200) {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        const body = Buffer.concat([...chunks, Buffer.from(`\n// build ${build}\n`)]);
        const { etag: _etag, 'content-length': _length, ...rest } = up.headers;
        res.writeHead(200, { ...rest, 'content-length': String(body.length) });
        res.end(body);
      });
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${(proxy.address() as AddressInfo).port}`,
    deploy: () => (build += 1),
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  };
}

/** False until the page runs a fresh document; a page caught mid-reload has not reloaded yet. */
const reloaded = (page: Page) => page.evaluate(() => !(window as unknown as { stale?: boolean }).stale).catch(() => false);
const markStale = (page: Page) => page.evaluate(() => ((window as unknown as { stale?: boolean }).stale = true));

test('after a deploy, open tabs offer "A new version is ready — Reload", and Reload moves every tab to the new build', async ({ browser, baseURL }) => {
  // Three service-worker steps (install, update, reload) that a busy machine may each stretch (SW_SETTLES_MS).
  test.setTimeout(120_000);
  const app = await deployableApp(baseURL!);
  const context = await browser.newContext({ baseURL: app.url });
  try {
    await signedInContext(context, 'pwa-update');
    const page = await context.newPage();
    await page.goto('/today');
    await savedForOffline(page, '/today');
    const other = await context.newPage();
    await other.goto('/habits');
    await expect(other.getByRole('heading', { name: 'Habits', level: 1 })).toBeVisible();
    await markStale(page);
    await markStale(other);

    app.deploy();
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const banner = page.getByTestId('update-banner');
    await expect(banner).toContainText('A new version is ready', { timeout: SW_SETTLES_MS });
    // Nothing moves until the user says so: the tab keeps its code and state.
    expect(await page.evaluate(() => (window as unknown as { stale?: boolean }).stale)).toBe(true);

    await banner.getByRole('button', { name: 'Reload' }).click();
    // Both tabs reload under the new worker: none is left on the old code.
    await expect.poll(() => reloaded(page), { timeout: SW_SETTLES_MS }).toBe(true);
    await expect.poll(() => reloaded(other), { timeout: SW_SETTLES_MS }).toBe(true);
    await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
    await expect(page.getByTestId('update-banner')).toHaveCount(0);
    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return { waiting: Boolean(registration?.waiting), controlled: Boolean(navigator.serviceWorker.controller) };
    });
    expect(worker).toEqual({ waiting: false, controlled: true });
  } finally {
    await context.close();
    await app.close();
  }
});
