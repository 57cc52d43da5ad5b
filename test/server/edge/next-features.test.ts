import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import nextConfig from '@/next.config.js';
import { refuseUnhonouredNextFeatures, unhonouredNextFeatures } from '@/lib/server/platform/http/next-features.mjs';
import { realRoutes } from './edge-server';

// npm start refuses to build or start with a Next.js feature it would skip (decision 025): each one
// planted in a project of its own is refused with a message naming the file and what to do.
function project(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'passion-next-features-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const route = (module: Record<string, unknown>) => ({ file: 'app/api/books/[id]/route.ts', module: { GET: async () => new Response(), ...module } });

describe('the Next.js features npm start would not honour', () => {
  it('finds none in this app: its next.config.js, its files and every route module it serves', async () => {
    const served = (await realRoutes()).filter((r) => !r.servedByNext || r.pattern === '/api/events');
    expect(await unhonouredNextFeatures({ root: process.cwd(), nextConfig, routes: served })).toEqual([]);
  });

  it.each(['proxy.ts', 'middleware.ts', 'middleware.js', 'src/proxy.ts', 'app/proxy.ts', 'app/middleware.mjs'])('refuses %s', async (file) => {
    const problems = await unhonouredNextFeatures({ root: project({ [file]: 'export function proxy() {}' }), nextConfig });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${file.replace('.', '\\.')}: npm start's server .* never runs Next's proxy`));
    expect(problems[0]).toContain('delete the file');
  });

  it.each([
    ['rewrites', async () => [{ source: '/a', destination: '/b' }]],
    ['redirects', async () => [{ source: '/a', destination: '/b', permanent: false }]],
    ['basePath', '/passion'],
    ['i18n', { locales: ['en', 'de'], defaultLocale: 'en' }],
    ['trailingSlash', true],
  ])('refuses next.config.js %s', async (key, value) => {
    const problems = await unhonouredNextFeatures({ root: project(), nextConfig: { ...nextConfig, [key]: value } });
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^next\\.config\\.js ${key}: npm start .*Remove it`))]);
  });

  it('refuses a headers() rule other than the platform’s security headers', async () => {
    const extra = async () => [...(await nextConfig.headers!()), { source: '/api/:path*', headers: [{ key: 'X-Extra', value: '1' }] }];
    const problems = await unhonouredNextFeatures({ root: project(), nextConfig: { ...nextConfig, headers: extra } });
    expect(problems).toEqual([expect.stringMatching(/^next\.config\.js headers\(\): .*security-headers\.js/)]);
  });

  it.each([
    ['dynamic', 'force-static'],
    ['dynamic', 'error'],
    ['runtime', 'edge'],
    ['revalidate', 60],
    ['revalidate', 0],
    ['preferredRegion', 'fra1'],
    ['maxDuration', 30],
    ['fetchCache', 'force-no-store'],
    ['dynamicParams', false],
    ['generateStaticParams', async () => [{ id: '1' }]],
  ])('refuses a served route module exporting %s = %s', async (key, value) => {
    const problems = await unhonouredNextFeatures({ root: project(), nextConfig, routes: [route({ [key]: value })] });
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^app/api/books/\\[id\\]/route\\.ts exports ${key}: .*Remove the export`))]);
  });

  it('accepts the segment config npm start does honour: force-dynamic, on Node', async () => {
    expect(await unhonouredNextFeatures({ root: project(), nextConfig, routes: [route({ dynamic: 'force-dynamic', runtime: 'nodejs' })] })).toEqual([]);
  });

  it('lists every feature in one error', async () => {
    const input = { root: project({ 'proxy.ts': '' }), nextConfig: { ...nextConfig, basePath: '/x' }, routes: [route({ revalidate: 5 })] };
    await expect(refuseUnhonouredNextFeatures(input)).rejects.toThrow(
      /^npm start would not honour these Next\.js features \(decision 025\):\n- proxy\.ts: .*\n- next\.config\.js basePath: .*\n- app\/api\/books\/\[id\]\/route\.ts exports revalidate: /s,
    );
    await expect(refuseUnhonouredNextFeatures({ root: project(), nextConfig })).resolves.toBeUndefined();
  });
});
