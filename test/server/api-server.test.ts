import { readFileSync, readdirSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nextConfig from '@/next.config.js';
import { NEXT_ONLY, apiRouteFiles, findApiRoutes } from '@/scripts/api-routes.mjs';
import { createApiServer, everyResponseHeaders } from '@/lib/server/platform/http/api-server';
import type { ApiRouteEntry } from '@/lib/server/platform/http/api-router';
import { createTestUser, snapshotDb } from './helpers';

// npm start's API server (decision 014) on a real socket, over every real route module: the same
// dispatch scripts/server.ts does, with a stand-in for Next (418) to see what it declines.
const root = process.cwd();
let server: Server;
let port: number;
let frontHeaders: Record<string, string>;
const declined: string[] = [];

/** Every route module as the server bundle lists it (scripts/api-routes.mjs), next-auth's and /api/events included. */
async function realRoutes(): Promise<ApiRouteEntry[]> {
  return Promise.all(apiRouteFiles(root).map(async (route) => ({ ...route, module: await import(/* @vite-ignore */ join(root, route.file)) })));
}

const fakeRoutes: ApiRouteEntry[] = [
  { pattern: '/api/test/boom', module: { GET: async () => Promise.reject(new Error('the handler broke')) } },
  {
    pattern: '/api/test/stream',
    module: {
      GET: async () => {
        const parts = ['one,', 'two,', 'three'];
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            await new Promise((r) => setTimeout(r, 5));
            const next = parts.shift();
            if (next) controller.enqueue(new TextEncoder().encode(next));
            else controller.close();
          },
        });
        const headers = new Headers({ 'Content-Type': 'text/plain', 'X-Frame-Options': 'SAMEORIGIN' });
        headers.append('Set-Cookie', 'a=1; Path=/');
        headers.append('Set-Cookie', 'b=2; Path=/');
        return new Response(body, { status: 202, headers });
      },
    },
  },
];

beforeAll(async () => {
  frontHeaders = await everyResponseHeaders(nextConfig);
  const serveApi = createApiServer([...(await realRoutes()), ...fakeRoutes], { origin: 'http://localhost:3000', compress: true });
  server = createServer((req, res) => {
    if (serveApi(req, res)) return;
    declined.push(`${req.method} ${req.url}`);
    res.writeHead(418, { 'Content-Type': 'text/plain' });
    res.end('next');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  text: string;
}

function send(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[]; agent?: Agent } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: options.headers, agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, raw, text: raw.toString('utf8') });
      });
    });
    req.on('error', reject);
    if (options.chunks) {
      for (const chunk of options.chunks) req.write(chunk);
      req.end();
    } else req.end(options.body);
  });
}

/** A same-origin JSON request, as the app's pages send it. */
const json = (body: unknown) => ({ 'content-type': 'application/json', origin: `http://127.0.0.1:${port}`, body: JSON.stringify(body) });

describe('npm start’s API server', () => {
  it('serves every route module under app/api except next-auth’s and /api/events', () => {
    const files = (readdirSync(join(root, 'app/api'), { recursive: true }) as string[])
      .map((f) => f.split('\\').join('/'))
      .filter((f) => f.endsWith('/route.ts'))
      .map((f) => `/api/${f.slice(0, -'/route.ts'.length)}`)
      .filter((p) => !NEXT_ONLY.has(p))
      .sort();
    expect(
      findApiRoutes(root)
        .map((r) => r.pattern)
        .sort(),
    ).toEqual(files);
    expect(files.length).toBeGreaterThan(50);
    expect([...NEXT_ONLY]).toEqual(['/api/auth/[...nextauth]', '/api/events']);
  });

  it('serves no route that needs Next’s request context (it would throw outside Next)', () => {
    const needsNext = /from ['"](next\/headers|next\/cache|next\/server|@\/lib\/server\/auth\/session)['"]/;
    for (const { file } of findApiRoutes(root))
      expect(readFileSync(join(root, file), 'utf8'), `${file}: add it to NEXT_ONLY in scripts/api-routes.mjs`).not.toMatch(needsNext);
  });

  it('answers with the handler’s status, headers and body, plus next.config.js’s headers', async () => {
    const user = await createTestUser();
    const got = await send('GET', '/api/me', { headers: { cookie: user.cookie } });
    expect(got.status).toBe(200);
    expect(JSON.parse(got.text)).toMatchObject({ id: user.id, email: user.email });
    expect(got.headers['cache-control']).toBe('private, no-cache');
    expect(got.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(got.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    for (const [name, value] of Object.entries(frontHeaders)) expect(got.headers[name.toLowerCase()], name).toBe(value);
    expect(Object.keys(frontHeaders)).toEqual(expect.arrayContaining(['Content-Security-Policy', 'X-Frame-Options', 'X-Content-Type-Options']));
    const again = await send('GET', '/api/me', { headers: { cookie: user.cookie, 'if-none-match': String(got.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.raw.length).toBe(0);
  });

  it('passes the body and the dynamic segments to the handler, for the signed-in user only', async () => {
    const [a, b] = [await createTestUser(), await createTestUser()];
    const { body, ...headers } = json({ name: 'Renamed over HTTP' });
    expect((await send('PATCH', '/api/me', { headers: { ...headers, cookie: a.cookie }, body })).status).toBe(200);
    expect(JSON.parse((await send('GET', '/api/me', { headers: { cookie: a.cookie } })).text).name).toBe('Renamed over HTTP');
    expect(JSON.parse((await send('GET', '/api/me', { headers: { cookie: b.cookie } })).text).name).not.toBe('Renamed over HTTP');

    const created = JSON.parse(
      (await send('POST', '/api/books', { headers: { ...headers, cookie: a.cookie }, body: JSON.stringify({ title: 'Dune', totalPages: 412 }) })).text,
    );
    const patch = JSON.stringify({ title: 'Dune Messiah' });
    // B cannot reach A's book through the dynamic segment; A can.
    expect((await send('PATCH', `/api/books/${created.id}`, { headers: { ...headers, cookie: b.cookie }, body: patch })).status).toBe(404);
    const updated = await send('PATCH', `/api/books/${encodeURIComponent(created.id)}`, { headers: { ...headers, cookie: a.cookie }, body: patch });
    expect(updated.status).toBe(200);
    expect(JSON.parse(updated.text).title).toBe('Dune Messiah');
    expect((await send('DELETE', `/api/books/${created.id}`, { headers: { origin: headers.origin, cookie: a.cookie } })).status).toBe(200);
  });

  it('refuses bad input with the JSON error shape and changes nothing', async () => {
    const user = await createTestUser();
    const before = await snapshotDb();
    const { body, ...headers } = json({ name: '' });
    const anonymous = await send('PATCH', '/api/me', { headers, body });
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text).error.code).toBe('unauthorized');
    const invalid = await send('PATCH', '/api/me', { headers: { ...headers, cookie: user.cookie }, body });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.text).error).toMatchObject({ code: 'validation_failed', issues: expect.any(Array) });
    const crossSite = await send('PATCH', '/api/me', {
      headers: { ...headers, cookie: user.cookie, origin: 'https://evil.example' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(crossSite.status).toBe(403);
    expect(await snapshotDb()).toBe(before);
  });

  it('answers a body over 1 MiB with 413, chunked or declared, and keeps the connection for the next request', async () => {
    const user = await createTestUser();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const headers = { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}`, cookie: user.cookie };
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const chunked = await send('PATCH', '/api/me', { headers, chunks: Array.from({ length: 20 }, () => chunk), agent });
      expect(chunked.status).toBe(413);
      expect(JSON.parse(chunked.text).error.code).toBe('payload_too_large');
      const declared = await send('PATCH', '/api/me', {
        headers: { ...headers, 'content-length': String(2 * 1024 * 1024) },
        body: Buffer.alloc(2 * 1024 * 1024, 0x20),
        agent,
      });
      expect(declared.status).toBe(413);
      const after = await send('GET', '/api/me', { headers: { cookie: user.cookie }, agent });
      expect(after.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('survives a client that goes away halfway through its body', async () => {
    const user = await createTestUser();
    const before = await snapshotDb();
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'PATCH',
        path: '/api/me',
        headers: { 'content-type': 'application/json', 'content-length': '1000', cookie: user.cookie },
      });
      req.on('error', () => resolve());
      req.write('{"name": "half');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    expect((await send('GET', '/api/me', { headers: { cookie: user.cookie } })).status).toBe(200);
    expect(await snapshotDb()).toBe(before);
  });

  it('compresses large answers as Next does, when the client accepts gzip', async () => {
    const plain = await send('GET', '/api/v1/openapi.json');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.length).toBeGreaterThan(1024);
    const zipped = await send('GET', '/api/v1/openapi.json', { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.raw.length).toBeLessThan(plain.raw.length);
    expect(JSON.parse(gunzipSync(zipped.raw).toString('utf8'))).toEqual(JSON.parse(plain.text));
    // Small answers go as they are.
    const small = await send('GET', '/api/health', { headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('streams a body as it comes, keeps every Set-Cookie and lets the handler’s own headers win', async () => {
    const got = await send('GET', '/api/test/stream');
    expect(got.status).toBe(202);
    expect(got.text).toBe('one,two,three');
    expect(got.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(got.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(got.headers['content-security-policy']).toBe(frontHeaders['Content-Security-Policy']);
  });

  it('answers a handler that throws with a 500 in the JSON error shape', async () => {
    const got = await send('GET', '/api/test/boom');
    expect(got.status).toBe(500);
    expect(JSON.parse(got.text)).toEqual({ error: { code: 'internal', message: expect.any(String) } });
  });

  it('hands Next whatever it must serve itself, untouched', async () => {
    declined.length = 0;
    const paths: [string, string][] = [
      ['OPTIONS', '/api/me'],
      ['HEAD', '/api/me'],
      ['GET', '/api/me/'],
      ['GET', '/api//me'],
      ['GET', '/api/auth/session'],
      ['POST', '/api/auth/callback/credentials'],
      ['GET', '/api/events?deviceId=x'],
      ['GET', '/today'],
    ];
    for (const [method, path] of paths) {
      const got = await send(method, path);
      expect(got.status, `${method} ${path}`).toBe(418);
    }
    expect(declined).toEqual(paths.map(([m, p]) => `${m} ${p}`));
    // A method the route lacks was Next's bare 405 here; now it is answered with the JSON error shape (decision 027).
    const put = await send('PUT', '/api/me');
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('DELETE, GET, HEAD, OPTIONS, PATCH');
    expect(JSON.parse(put.text).error.code).toBe('method_not_allowed');
    // An /api path no route has is the catch-all route's JSON 404, served here too, not Next's HTML page.
    const nope = await send('GET', '/api/nope');
    expect(nope.status).toBe(404);
    expect(JSON.parse(nope.text).error).toEqual({ code: 'not_found', message: 'No API at /api/nope' });
    expect(declined).toHaveLength(paths.length);
  });
});

describe('everyResponseHeaders', () => {
  it('takes next.config.js’s headers for every path, and refuses a rule it cannot apply', async () => {
    expect(await everyResponseHeaders({ headers: async () => [{ source: '/:path*', headers: [{ key: 'X-A', value: '1' }] }] })).toEqual({ 'X-A': '1' });
    expect(await everyResponseHeaders({})).toEqual({});
    await expect(everyResponseHeaders({ headers: async () => [{ source: '/admin/:path*', headers: [{ key: 'X-A', value: '1' }] }] })).rejects.toThrow(
      /\/admin/,
    );
    await expect(everyResponseHeaders({ headers: async () => [{ source: '/:path*', has: [{ type: 'header', key: 'x' }], headers: [] }] })).rejects.toThrow();
  });
});
