import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { getClient } from '@/lib/server/platform/db/client';
import { call } from '../server/helpers';
import { seeded, type Seeded } from '../server/everything';

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
  '/api/[...path]': 'an /api path no route has: a JSON 404, signed in or not',
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

const entries = Object.keys(modules)
  .sort()
  .map((file) => ({ file, pattern: routePath(file) }));

const DAY_MS = 24 * 3600_000;

/** Tables holding a user's rows (by user_id), to prove that nothing another user sent touched them. */
const OWNED_TABLES = [
  'habits',
  'habit_logs',
  'books',
  'reading_sessions',
  'quests',
  'planner_events',
  'focus_sessions',
  'mood_entries',
  'activities',
  'assessments',
  'schedules',
  'devices',
  'api_keys',
  'device_tokens',
  'users',
];

/** Every row the user owns, to compare before and after another user's requests. */
async function rowsOf(user: Seeded): Promise<string> {
  const parts: string[] = [];
  for (const table of OWNED_TABLES) {
    const column = table === 'users' ? 'id' : 'user_id';
    const { rows } = await getClient().execute({ sql: `SELECT * FROM "${table}" WHERE ${column} = ? ORDER BY 1`, args: [user.id] });
    parts.push(`${table}:${JSON.stringify(rows)}`);
  }
  return parts.join('\n');
}

/** For a route with an id in its path: one of the other user's real ids of that kind (a fresh UUID where none fits). */
function theirIdFor(pattern: string, them: Seeded): string {
  const byPrefix: [string, string][] = [
    ['/api/books/', them.records.books],
    ['/api/habits/', them.records.habits],
    ['/api/quests/', them.records.quests],
    ['/api/planner/events/', them.records.planner_events],
    ['/api/mood/activities/', them.records.activities],
    ['/api/mood/assessments/', them.records.assessments],
    ['/api/mood/entries/', them.records.mood_entries],
    ['/api/mood/schedules/', them.records.schedules],
    ['/api/devices/', them.deviceId],
    ['/api/api-keys/', them.apiKeyId],
    ['/api/admin/users/', them.id],
  ];
  return byPrefix.find(([prefix]) => pattern.startsWith(prefix))?.[1] ?? randomUUID();
}

/** What the other user's data would look like in a response: their ids, email, marker and record ids. */
function tracesOf(them: Seeded): string[] {
  return [them.id, them.email, them.marker, them.deviceId, them.clientId, them.apiKeyId, ...Object.values(them.records)];
}

let alice: Seeded;
let bob: Seeded;

beforeAll(async () => {
  [alice, bob] = [await seeded('alice'), await seeded('bob')];
}, 60_000);

describe('the isolation matrix covers every route', () => {
  it('finds the API routes', () => {
    expect(entries.length).toBeGreaterThan(40);
  });
});

describe('both users hold real data', () => {
  const range = () => `from=${Date.now() - 30 * DAY_MS}&to=${Date.now() + 30 * DAY_MS}`;
  const LISTS: [string, () => string][] = [
    ['/api/habits/route.ts', () => '/api/habits'],
    ['/api/books/route.ts', () => '/api/books'],
    ['/api/quests/route.ts', () => '/api/quests'],
    ['/api/planner/events/route.ts', () => `/api/planner/events?${range()}`],
    ['/api/focus/sessions/route.ts', () => `/api/focus/sessions?${range()}`],
    ['/api/focus/active/route.ts', () => '/api/focus/active'],
    ['/api/mood/entries/route.ts', () => `/api/mood/entries?${range()}`],
    ['/api/mood/activities/route.ts', () => '/api/mood/activities'],
    ['/api/devices/route.ts', () => '/api/devices'],
    ['/api/api-keys/route.ts', () => '/api/api-keys'],
    ['/api/sync/bootstrap/route.ts', () => `/api/sync/bootstrap?clientId=${bob.clientId}`],
    ['/api/v1/sync/download/route.ts', () => `/api/v1/sync/download?deviceId=${bob.deviceId}&since=0`],
  ];

  it.each(LISTS)('%s shows the caller their own rows and none of the other user’s', async (file, url) => {
    const mod = await modules[`/app${file}`]();
    const res = await call(mod.GET!, url(), { cookie: bob.cookie });
    expect(res.status, url()).toBe(200);
    const text = await res.text();
    expect(text, `${url()} shows bob's own data`).toContain(bob.marker);
    for (const trace of tracesOf(alice)) expect(text, `${url()} leaked alice's ${trace}`).not.toContain(trace);
  });

  // The archive is deflated: the generic check below would find nothing in it either way.
  it('/api/me/export, unzipped, holds the caller’s own rows and none of the other user’s', async () => {
    const mod = await modules['/app/api/me/export/route.ts']();
    const res = await call(mod.GET!, '/api/me/export', { cookie: bob.cookie });
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const text = Object.values(files)
      .map((bytes) => strFromU8(bytes))
      .join('\n');
    for (const own of [bob.marker, bob.email, bob.deviceId, bob.apiKeyId, ...Object.values(bob.records)]) expect(text, `bob's ${own}`).toContain(own);
    for (const trace of tracesOf(alice)) expect(text, `the export leaked alice's ${trace}`).not.toContain(trace);
  });
});

describe.each(entries.filter((e) => !(e.pattern in PUBLIC)))('$pattern', ({ file, pattern }) => {
  let mod: RouteModule;
  beforeAll(async () => {
    mod = await modules[file]();
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

  it("never answers 5xx, shows or changes another user's data, even asked for their real ids", async () => {
    // Alice's real record of this route's kind in the path; Bob's own device and client in the query.
    const { url, params } = concrete(pattern, theirIdFor(pattern, alice));
    const before = await rowsOf(alice);
    for (const method of METHODS) {
      const handler = mod[method];
      if (!handler) continue;
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const query = `deviceId=${bob.deviceId}&clientId=${bob.clientId}&since=0&from=${Date.now() - DAY_MS}&to=${Date.now() + DAY_MS}`;
      const res = await call(handler, `${url}?${query}`, { method, params, body, cookie: bob.cookie, headers: { origin: 'http://localhost:3000' } });
      expect(res.status, `${method} ${pattern}`).toBeLessThan(500);
      // An event stream never ends: it must be Bob's own (empty) stream, so close it.
      if (res.headers.get('content-type')?.includes('text/event-stream')) {
        await res.body?.cancel();
        continue;
      }
      const text = await res.text();
      for (const trace of tracesOf(alice)) expect(text, `${method} ${pattern} leaked alice's ${trace}`).not.toContain(trace);
    }
    expect(await rowsOf(alice), `${pattern} changed alice's rows`).toBe(before);
  });
});

describe('public routes', () => {
  it('are exactly the documented ones', () => {
    const present = entries.map((e) => e.pattern).filter((p) => p in PUBLIC);
    expect(present.sort()).toEqual(
      Object.keys(PUBLIC)
        .filter((p) => entries.some((e) => e.pattern === p))
        .sort(),
    );
  });
});
