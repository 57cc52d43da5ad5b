import { buildCustomRoute } from 'next/dist/lib/build-custom-route';
import { describe, expect, it } from 'vitest';
import nextConfig from '@/next.config.js';
import { securityHeaderRules, securityHeaders, staticAssetHeaders } from './security-headers.js';

/** The headers Next gives `path` under next.config.js's rules, matched as Next matches them (later rules win). */
async function headersFor(path: string): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (const rule of await nextConfig.headers!()) {
    const { regex } = buildCustomRoute('header', rule) as { regex: string };
    if (new RegExp(regex).test(path)) for (const { key, value } of rule.headers) headers[key] = value;
  }
  return headers;
}

describe('the security headers by path (decision 061)', () => {
  it('next.config.js gives the platform’s rules', async () => {
    expect(await nextConfig.headers!()).toEqual(securityHeaderRules());
  });

  it.each([
    '/',
    '/today',
    '/login?callbackUrl=%2Ftoday',
    '/api/health',
    '/api/events',
    '/serwist/sw.js',
    '/_next/image',
    '/_next/data/x.json',
    '/manifest.webmanifest',
    '/_next/staticx/a.js',
  ])('documents, API answers and the service worker get every header: %s', async (path) => {
    expect(await headersFor(path)).toEqual(securityHeaders());
  });

  it.each([
    '/_next/static/chunks/0f3nz-b0iqxzh.js',
    '/_next/static/chunks/3pcs_3-ns986_.css',
    '/_next/static/8NcwYdInRxdnNMt6Z_CHs/_buildManifest.js',
    '/_next/static/media/icon.svg',
  ])('the build’s static files get nosniff only: %s', async (path) => {
    expect(await headersFor(path)).toEqual(staticAssetHeaders());
  });

  it('keeps nosniff among the document headers, and eval out of production', () => {
    expect(securityHeaders()['X-Content-Type-Options']).toBe('nosniff');
    expect(securityHeaders()['Content-Security-Policy']).not.toContain('unsafe-eval');
    expect(securityHeaders({ development: true })['Content-Security-Policy']).toContain("'unsafe-eval'");
  });
});
