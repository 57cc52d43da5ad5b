import { expect, test } from '@playwright/test';

// Installable without a session: the manifest, every icon it names, the favicon and the
// apple-touch icon answer 200 to a signed-out request, with the sizes the manifest claims
// (Chromium's installability criteria: a 192 and a 512 icon, standalone display, a start URL).

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the manifest names a standalone app with 192, 512 and maskable PNG icons that all load signed out', async ({ request }) => {
  const res = await request.get('/manifest.webmanifest');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/manifest+json');
  const manifest = await res.json();
  expect(manifest).toMatchObject({ name: 'Passion OS', short_name: 'Passion OS', display: 'standalone', start_url: '/today', theme_color: '#e04a12' });
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
  const sizes = new Set<string>();
  for (const icon of manifest.icons as { src: string; sizes: string; type: string; purpose: string }[]) {
    const image = await request.get(icon.src);
    expect(image.status(), icon.src).toBe(200);
    expect(image.headers()['content-type']).toBe(icon.type);
    const { width, height } = pngSize(await image.body());
    expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    sizes.add(`${icon.sizes} ${icon.purpose}`);
  }
  expect([...sizes].sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
});

test('the favicon and the apple-touch icon load signed out, and a page links them with the manifest', async ({ request }) => {
  const favicon = await request.get('/favicon.ico');
  expect(favicon.status()).toBe(200);
  const ico = await favicon.body();
  expect(ico.readUInt16LE(2)).toBe(1); // an icon resource
  expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(2);
  const apple = await request.get('/icons/apple-touch-icon.png');
  expect(apple.status()).toBe(200);
  expect(pngSize(await apple.body())).toEqual({ width: 180, height: 180 });
  const login = await (await request.get('/login')).text();
  expect(login).toContain('rel="manifest" href="/manifest.webmanifest"');
  expect(login).toMatch(/rel="apple-touch-icon" href="\/icons\/apple-touch-icon.png"/);
  expect(login).toMatch(/rel="icon" href="\/favicon.ico"/);
});

test('the service worker is served signed out, allowed the whole origin, with the build’s files to precache', async ({ request }) => {
  const res = await request.get('/serwist/sw.js');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/javascript');
  expect(res.headers()['service-worker-allowed']).toBe('/');
  const body = await res.text();
  expect(body).toMatch(/url:"\/_next\/static\/chunks\/[^"]+\.js"/);
  expect(body).toContain('/icons/icon-192.png');
});
