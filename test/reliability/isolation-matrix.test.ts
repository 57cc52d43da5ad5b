import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestUser, type TestUser } from '../server/helpers';

type Handler = (req: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', Handler>>;

// Every route under app/api, found at test time: a new route cannot escape the matrix.
const modules = import.meta.glob<RouteModule>('/app/api/**/route.ts');

/** Routes that answer without a signed-in user, and why. Anything else must say 401 first. */
const PUBLIC: Record<string, string> = {
  '/api/auth/[...nextauth]': 'next-auth itself (csrf, session, sign-in)',
  '/api/auth/signup': 'creating an account',
  '/api/health': 'liveness probe',
  '/api/ready': 'readiness probe',
  '/api/metrics': 'Prometheus scrape, guarded by METRICS_TOKEN instead (404 when unset)',
  '/api/v1/openapi.json': 'the published API description',
};

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function routePath(file: string): string {
  return file.replace(/^\/app/, '').replace(/\/route\.ts$/, '');
}

/** A concrete URL for a route pattern: every dynamic segment gets `id` (a UUID unless told otherwise). */
function concrete(pattern: string, id: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const url = pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_m, _rest, name: string) => {
    params[name] = id;
    return id;
  });
  return { url, params };
}

const entries = Object.keys(modules).sort().map((file) => ({ file, pattern: routePath(file) }));

describe('the isolation matrix covers every route', () => {
  it('finds the API routes', () => {
    expect(entries.length).toBeGreaterThan(40);
  });
});

describe.each(entries.filter((e) => !(e.pattern in PUBLIC)))('$pattern', ({ file, pattern }) => {
  let mod: RouteModule;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    mod = await modules[file]();
    [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
  });

  it('answers 401 to every method without a session, even with a matching-looking ETag', async () => {
    const { url, params } = concrete(pattern, randomUUID());
    for (const method of METHODS) {
      const handler = mod[method];
      if (!handler) continue;
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const res = await call(handler, `${url}?deviceId=x&clientId=x&since=0&from=0&to=1`, { method, params, body, headers: { 'if-none-match': '*' } });
      expect(res.status, `${method} ${pattern}`).toBe(401);
    }
  });

  it("never answers 5xx nor shows another user's data for ids that are not the caller's", async () => {
    // Alice's id space: a fresh UUID per route. Bob asks for it with his own session.
    const { url, params } = concrete(pattern, randomUUID());
    for (const method of METHODS) {
      const handler = mod[method];
      if (!handler) continue;
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const res = await call(handler, `${url}?deviceId=${randomUUID()}&clientId=${randomUUID()}&since=0&from=0&to=1`, { method, params, body, cookie: bob.cookie, headers: { origin: 'http://localhost:3000' } });
      expect(res.status, `${method} ${pattern}`).toBeLessThan(500);
      // An event stream never ends: it must be Bob's own (empty) stream, so close it.
      if (res.headers.get('content-type')?.includes('text/event-stream')) {
        await res.body?.cancel();
        continue;
      }
      const text = await res.text();
      expect(text, `${method} ${pattern} leaked alice's id`).not.toContain(alice.id);
      expect(text, `${method} ${pattern} leaked alice's email`).not.toContain(alice.email);
    }
  });
});

describe('public routes', () => {
  it('are exactly the documented ones', () => {
    const present = entries.map((e) => e.pattern).filter((p) => p in PUBLIC);
    expect(present.sort()).toEqual(Object.keys(PUBLIC).filter((p) => entries.some((e) => e.pattern === p)).sort());
  });
});
