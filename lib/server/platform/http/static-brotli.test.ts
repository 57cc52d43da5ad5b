import { mkdirSync, mkdtempSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdge } from './edge';
import { precompressStatic } from './precompress.mjs';
import { securityHeaders } from './security-headers.js';
import { acceptsBrotli, staticAssetOf } from './static-brotli';

describe('acceptsBrotli', () => {
  it.each([
    'gzip, deflate, br',
    'gzip, deflate, br, zstd',
    'BR',
    'gzip ; q=0.5 , br',
    'br;q=0.8, gzip;q=0.5',
    'gzip;q=1, br;q=1',
    'br;Q=0.001',
    '*',
    'gzip;q=0.5, *',
  ])('br for %j', (header) => {
    expect(acceptsBrotli(header)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'gzip, deflate',
    'identity',
    'br;q=0',
    'gzip, br;q=0',
    'br;q=0.000',
    'br;q=0, *',
    '*;q=0',
    'gzip;q=1, br;q=0.8',
    'gzip;q=1, *;q=0.5',
    'identity;q=1, br;q=0.5',
    // Malformed elements count for nothing.
    'br;q=2',
    'br;q=abc',
    'br;q=0.5;level=9',
    'b r',
  ])('no br for %j', (header) => {
    expect(acceptsBrotli(header)).toBe(false);
  });
});

describe('staticAssetOf', () => {
  it('names the file under the static folder, without the query', () => {
    expect(staticAssetOf('/_next/static/chunks/0f3nz-b0iqxzh.js')).toBe('chunks/0f3nz-b0iqxzh.js');
    expect(staticAssetOf('/_next/static/8NcwYdInRxdnNMt6Z_CHs/_buildManifest.js?dpl=x')).toBe('8NcwYdInRxdnNMt6Z_CHs/_buildManifest.js');
    expect(staticAssetOf('/_next/static/media/icon.3bx6wsekotk4d.svg')).toBe('media/icon.3bx6wsekotk4d.svg');
  });

  it.each([
    '/_next/static/chunks/../secret.js',
    '/_next/static/../secret.js',
    '/_next/static/..',
    '/_next/static/./chunks/a.js',
    '/_next/static/%2e%2e/secret.js',
    '/_next/static/chunks/%2E%2E%2Fsecret.js',
    '/_next/static/chunks%2fa.js',
    '/_next/static/chunks\\..\\secret.js',
    '/_next/static/chunks//a.js',
    '/_next/static//etc/passwd',
    '/_next/static/.hidden.js',
    '/_next/static/',
    '/_next/static',
    '/_next/staticx/a.js',
    '/x/_next/static/a.js',
    'http://evil.test/_next/static/a.js',
    '/_next/static/chunks/a.js\u0000.txt',
  ])('refuses %j', (target) => {
    expect(staticAssetOf(target)).toBeNull();
  });
});

// The edge on a real socket, over a static folder made here (nothing is built), with a stand-in for Next (418).
describe('the edge serves the build’s .br files', () => {
  const root = mkdtempSync(join(tmpdir(), 'passion-static-brotli-'));
  const staticDir = join(root, 'static');
  const script = `/* a chunk */\n${Array.from({ length: 200 }, (_, i) => `export const value${i} = ${JSON.stringify(`text ${i}`)};`).join('\n')}\n`;
  let server: Server;
  let port: number;
  const declined: string[] = [];

  beforeAll(async () => {
    mkdirSync(join(staticDir, 'chunks'), { recursive: true });
    mkdirSync(join(staticDir, 'media'), { recursive: true });
    writeFileSync(join(staticDir, 'chunks', 'app.js'), script);
    writeFileSync(join(staticDir, 'chunks', 'style.css'), `body{color:red}\n`.repeat(200));
    writeFileSync(join(staticDir, 'chunks', 'tiny.js'), 'export const a = 1;\n');
    // Under 1 KB, like the chunk manifest every page loads: worth compressing too (decision 065).
    writeFileSync(join(staticDir, 'chunks', 'manifest.js'), Array.from({ length: 12 }, (_, i) => `load("static/chunks/chunk${i}.js");`).join('\n'));
    writeFileSync(join(staticDir, 'media', 'font.woff2'), Buffer.alloc(4096, 1));
    // Beside the static folder, never to be served.
    writeFileSync(join(root, 'secret.js'), script);
    writeFileSync(join(root, 'secret.js.br'), 'not for you');
    const written = await precompressStatic(staticDir);
    expect(written.files).toBe(3);
    expect(written.brotliBytes).toBeLessThan(written.bytes / 4);
    expect(readdirSync(join(staticDir, 'chunks')).sort()).toEqual([
      'app.js',
      'app.js.br',
      'manifest.js',
      'manifest.js.br',
      'style.css',
      'style.css.br',
      'tiny.js',
    ]);
    expect(readdirSync(join(staticDir, 'media'))).toEqual(['font.woff2']);

    const edge = createEdge([], {
      origin: 'http://localhost:3000',
      compress: true,
      streams: {},
      staticDir,
      next: (req, res) => {
        declined.push(`${req.method} ${req.url}`);
        res.writeHead(418, { 'Content-Type': 'text/plain' });
        res.end('next');
      },
    });
    server = createServer(edge);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function send(method: string, path: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }
  const br = { 'accept-encoding': 'gzip, deflate, br, zstd' };

  it('answers GET with the .br, the headers Next gives the file, nosniff and no document header', async () => {
    const res = await send('GET', '/_next/static/chunks/app.js?dpl=1', br);
    expect(res.status).toBe(200);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
    expect(res.headers).toMatchObject({
      'content-type': 'application/javascript; charset=UTF-8',
      'content-encoding': 'br',
      'content-length': String(res.body.length),
      'cache-control': 'public, max-age=31536000, immutable',
      vary: 'Accept-Encoding',
      'x-content-type-options': 'nosniff',
    });
    // Immutable hashed files: no request id to trace, nothing to revalidate (decision 065).
    expect(res.headers['x-request-id']).toBeUndefined();
    expect(res.headers['last-modified']).toBeUndefined();
    for (const name of Object.keys(securityHeaders()).filter((n) => n !== 'X-Content-Type-Options'))
      expect(res.headers[name.toLowerCase()], name).toBeUndefined();
    expect(res.headers['accept-ranges']).toBeUndefined();

    const css = await send('GET', '/_next/static/chunks/style.css', { 'accept-encoding': 'br' });
    expect(css.headers['content-type']).toBe('text/css; charset=UTF-8');
    expect(brotliDecompressSync(css.body).toString()).toBe(`body{color:red}\n`.repeat(200));
  });

  it('answers HEAD with the same headers and no body', async () => {
    const get = await send('GET', '/_next/static/chunks/app.js', br);
    const head = await send('HEAD', '/_next/static/chunks/app.js', br);
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers['content-encoding']).toBe('br');
  });

  it('hands Next what it must serve: br refused or not asked, no .br, other methods, ranges and conditionals, odd paths', async () => {
    const cases: [string, string, Record<string, string>][] = [
      ['GET', '/_next/static/chunks/app.js', { 'accept-encoding': 'gzip, br;q=0' }],
      ['GET', '/_next/static/chunks/app.js', { 'accept-encoding': 'gzip, deflate' }],
      ['GET', '/_next/static/chunks/app.js', {}],
      ['GET', '/_next/static/chunks/tiny.js', br],
      ['GET', '/_next/static/media/font.woff2', br],
      ['GET', '/_next/static/chunks/missing.js', br],
      ['GET', '/_next/static/chunks/app.js.br', br],
      ['POST', '/_next/static/chunks/app.js', br],
      ['OPTIONS', '/_next/static/chunks/app.js', br],
      ['GET', '/_next/static/chunks/app.js', { ...br, range: 'bytes=0-10' }],
      ['GET', '/_next/static/chunks/app.js', { ...br, 'if-modified-since': new Date().toUTCString() }],
      ['GET', '/_next/static/../secret.js', br],
      ['GET', '/_next/static/chunks/../../secret.js', br],
      ['GET', '/_next/static/%2e%2e/secret.js', br],
      ['GET', '/_next/static/chunks%2F..%2F..%2Fsecret.js', br],
      ['GET', '/_next/static//chunks/app.js', br],
      ['GET', '/chunks/app.js', br],
      ['GET', '/today', br],
    ];
    for (const [method, path, headers] of cases) {
      declined.length = 0;
      const res = await send(method, path, headers);
      expect(res.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(418);
      expect(declined).toEqual([`${method} ${path}`]);
      // The edge gives a request id to everything but the build's files, whoever serves them.
      expect(res.headers['x-request-id'] === undefined, path).toBe(path.startsWith('/_next/static/'));
    }
  });

  it('serves nothing itself without a static folder, or once a .br it found is gone', async () => {
    const served = async (dir: string, remove?: string) => {
      const edge = createEdge([], {
        origin: 'http://localhost:3000',
        compress: true,
        streams: {},
        staticDir: dir,
        next: (_req, res) => {
          res.writeHead(418);
          res.end();
        },
      });
      if (remove) unlinkSync(remove);
      const other = createServer(edge);
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
      const path = '/_next/static/chunks/app.js';
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: (other.address() as AddressInfo).port, path, headers: br, agent: false }, (r) => {
          r.resume();
          resolve(r.statusCode!);
        });
        req.on('error', reject);
        req.end();
      });
      other.closeAllConnections();
      await new Promise((resolve) => other.close(resolve));
      return status;
    };
    expect(await served(join(root, 'no-such-folder'))).toBe(418);
    const copy = join(root, 'copy');
    mkdirSync(join(copy, 'chunks'), { recursive: true });
    writeFileSync(join(copy, 'chunks', 'app.js'), script);
    await precompressStatic(copy);
    expect(await served(copy)).toBe(200);
    expect(await served(copy, join(copy, 'chunks', 'app.js.br'))).toBe(418);
  });
});
