import { createServer, get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { notFound } from '@/lib/server/platform/errors';
import { writeWebResponse } from './node-adapter';
import { errorResponse, json, wholeBodyOf } from './respond';

let close: (() => void) | undefined;
afterEach(() => close?.());

/** Serves `make()` through writeWebResponse on a real socket and reads what a client gets. */
async function served(make: () => Response): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const server = createServer((_req, res) => void writeWebResponse(res, make(), { 'X-Default': 'yes' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => server.close();
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on('error', reject);
  });
}

describe('writeWebResponse', () => {
  it('writes a JSON answer whole, with its byte length, without reading its stream', async () => {
    const response = json({ name: 'Zoë ✓' }, { status: 201, headers: { ETag: '"v1"' } });
    const got = await served(() => response);
    expect(got).toMatchObject({ status: 201, body: '{"name":"Zoë ✓"}' });
    expect(got.headers).toMatchObject({ 'content-length': String(Buffer.byteLength('{"name":"Zoë ✓"}')), etag: '"v1"', 'x-default': 'yes' });
    expect(got.headers['content-type']).toBe('application/json; charset=utf-8');
    // The stream was never read: the body is still there for anyone else.
    expect(response.bodyUsed).toBe(false);
  });

  it('writes an error answer whole too', async () => {
    const got = await served(() => errorResponse(notFound('Book')));
    expect(got.status).toBe(404);
    expect(JSON.parse(got.body)).toMatchObject({ error: { code: 'not_found' } });
    expect(got.headers['content-length']).toBe(String(Buffer.byteLength(got.body)));
  });

  it('reads the stream of a JSON answer someone already began to read, and of any other Response', async () => {
    const read = json({ a: 1 });
    await read.clone().text();
    expect(wholeBodyOf(read)).toBe('{"a":1}');
    const consumed = json({ b: 2 });
    await consumed.text();
    expect(wholeBodyOf(consumed)).toBeUndefined();
    expect(wholeBodyOf(new Response('plain'))).toBeUndefined();

    const streamed = await served(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            async start(controller) {
              controller.enqueue(new TextEncoder().encode('one,'));
              await new Promise((resolve) => setTimeout(resolve, 20));
              controller.enqueue(new TextEncoder().encode('two'));
              controller.close();
            },
          }),
        ),
    );
    expect(streamed).toMatchObject({ status: 200, body: 'one,two' });
    expect(streamed.headers['content-length']).toBeUndefined();
    expect((await served(() => new Response('plain text'))).headers['content-length']).toBe('10');
  });
});
