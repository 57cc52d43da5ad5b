import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { E2E_SERVER_LOG } from '../../playwright.config';
import { findRouteFiles } from '../../lib/server/platform/http/route-files.mjs';

// No request gets a 500 from npm start's server (decision 027), over every route under app/api so
// a new one is covered: TRACE (which Next cannot even build a Request for) is a 405 naming the
// methods the route has, a path that is not valid percent-encoded UTF-8 a 400, both in JSON.
const routes = findRouteFiles();

/** One request exactly as given (no URL normalisation), read to its end. */
function send(baseURL: string, method: string, path: string): Promise<{ status: number; allow?: string; text: string }> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, allow: res.headers.allow, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

const pathOf = (pattern: string, fill = 'x1') => pattern.replace(/\[\[?\.\.\.[^\]]+\]\]?/g, `${fill}/more`).replace(/\[[^\]]+\]/g, fill);
const malformed = (pattern: string) => (/\[/.test(pattern) ? pathOf(pattern.replace(/\[[^\]]+\]/, '%ff')) : `${pathOf(pattern)}%ff`);

test('TRACE on every API route is a 405 with Allow, and a malformed path a 400, never a 500 or an error in the log', async ({ baseURL }) => {
  expect(routes.length).toBeGreaterThan(50);
  for (const { pattern } of routes) {
    const trace = await send(baseURL!, 'TRACE', pathOf(pattern));
    expect(trace.status, `TRACE ${pattern}: ${trace.text}`).toBe(405);
    expect(trace.allow, pattern).toMatch(/^(?:[A-Z]+, )*OPTIONS(?:, [A-Z]+)*$/);
    expect(JSON.parse(trace.text).error.code).toBe('method_not_allowed');

    const path = malformed(pattern);
    const bad = await send(baseURL!, 'PATCH', path);
    expect(bad.status, `PATCH ${path}: ${bad.text}`).toBe(400);
    expect(JSON.parse(bad.text).error.code).toBe('bad_request');
  }
  // Next logged each TRACE as `⨯ TypeError: 'TRACE' HTTP method is unsupported`, and each request line as an error.
  const errors = readFileSync(E2E_SERVER_LOG, 'utf8')
    .split('\n')
    .filter((l) => /HTTP method is unsupported/.test(l) || (/"level":"(error|fatal)"/.test(l) && /"method":"TRACE"|%ff/i.test(l)));
  expect(errors).toEqual([]);
});
