import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRouteEntry } from '@/lib/server/platform/http/api-router';
import { realRoutes, send, startEdge, type EdgeServer } from './edge-server';

// No request gets a 500 from npm start's edge (decision 027): a method a route does not have is a
// 405 naming the ones it has, a path that is not valid percent-encoded UTF-8 is a 400, both in the
// JSON error shape. Table-driven over every route module under app/api, so a new route is covered.
const routes = await realRoutes();
let edge: EdgeServer;

beforeAll(async () => {
  edge = await startEdge(routes);
});
afterAll(() => edge.close());

const STANDARD = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Methods Next cannot even build a Request for (TRACE) or does not know (PROPFIND): it answered them with a 500 or an empty 400. */
const UNUSUAL = ['TRACE', 'PROPFIND'];

/** The methods a module answers, as Next's automatic OPTIONS lists them: its own, HEAD with GET, and OPTIONS. */
function allowOf(module: Record<string, unknown>): string[] {
  const own = [...STANDARD, 'HEAD', 'OPTIONS'].filter((m) => typeof module[m] === 'function');
  return [...new Set(['OPTIONS', ...own, ...(own.includes('GET') ? ['HEAD'] : [])])].sort();
}

/** A path the pattern matches: each dynamic segment filled in. */
function pathOf(pattern: string, fill = 'x1'): string {
  return pattern.replace(/\[\[?\.\.\.[^\]]+\]\]?/g, `${fill}/more`).replace(/\[[^\]]+\]/g, fill);
}

/** The path with its first dynamic segment (else its last segment) made invalid percent-encoding. */
function malformed(pattern: string): string {
  return /\[/.test(pattern) ? pathOf(pattern.replace(/\[[^\]]+\]/, '%ff')) : `${pathOf(pattern)}%ff`;
}

const table = (build: (route: ApiRouteEntry) => [string, string][]) =>
  routes.flatMap((route) => build(route).map(([method, path]) => ({ method, path, route })));

describe('a method a route does not have', () => {
  const cases = table(({ pattern, module }) =>
    [...STANDARD, ...UNUSUAL].filter((m) => !allowOf(module).includes(m)).map((m): [string, string] => [m, pathOf(pattern)]),
  );

  it('covers every route under app/api', () => {
    expect(new Set(cases.map((c) => c.route.pattern)).size).toBe(routes.length);
    expect(routes.length).toBeGreaterThan(50);
  });

  it.each(cases)('$method $path → 405 with Allow', async ({ method, path, route }) => {
    const got = await send(edge.port, method, path);
    expect(got.status, got.text).toBe(405);
    expect(got.headers.allow).toBe(allowOf(route.module).join(', '));
    expect(JSON.parse(got.text).error.code).toBe('method_not_allowed');
  });
});

describe('a path that is not valid percent-encoded UTF-8', () => {
  const cases = table(({ pattern, module }) => allowOf(module).map((m): [string, string] => [m, malformed(pattern)]));

  it.each(cases)('$method $path → 400', async ({ method, path }) => {
    const got = await send(edge.port, method, path);
    expect(got.status).toBe(400);
    if (method !== 'HEAD') expect(JSON.parse(got.text).error.code).toBe('bad_request');
  });

  it.each(['/api/books/%E0%A4%A', '/api/books/%', '/api/books/x%2', '/api/nope/%c3%28'])('GET %s → 400, whatever route it would reach', async (path) => {
    const got = await send(edge.port, 'GET', path);
    expect(got.status).toBe(400);
    expect(JSON.parse(got.text).error.code).toBe('bad_request');
  });
});
