import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getHub, resetHubForTests } from '@/lib/server/platform/realtime';
import { handleEventStream, responseSink } from '@/lib/server/platform/realtime/node-stream';
import { MAX_BUFFERED_BYTES } from '@/lib/server/platform/realtime/stream';
import { createTestUser } from './helpers';

// GET /api/events as `npm start` serves it (scripts/server.ts → node-stream.ts), on a real socket.
let server: Server;
let port: number;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = createServer((req, res) => void handleEventStream(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterEach(() => {
  sockets.splice(0).forEach((s) => s.destroy());
  resetHubForTests();
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Sends a raw request (so nothing rewrites the Host header) and collects the answer. */
function rawRequest(head: string) {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  const got = { text: '', closed: false };
  socket.on('data', (chunk) => (got.text += chunk.toString('latin1')));
  socket.on('close', () => (got.closed = true));
  socket.on('error', () => {});
  socket.write(`${head}\r\n\r\n`);
  return { socket, got };
}

// The stream tests move megabytes through a real socket: give each wait more than the default second.
const POLL = { timeout: 5_000 };

describe('GET /api/events on the bare node server', () => {
  it.each(['[::1', 'exa mple.com', 'example.com:99999'])('answers a malformed Host header (%s) with 400 and the JSON error shape, not 500', async (host) => {
    const { got } = rawRequest(`GET /api/events?deviceId=d1 HTTP/1.1\r\nHost: ${host}\r\nConnection: close`);
    await expect.poll(() => got.closed, POLL).toBe(true);
    expect(got.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(got.text).toMatch(/content-type: application\/json/i);
    const body = JSON.parse(/\{.*\}/s.exec(got.text)![0]);
    expect(body).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
  });

  it('closes a stream whose client stops reading once over 1 MiB waits unsent; the client then reconnects with its Last-Event-ID', async () => {
    const user = await createTestUser();
    const { socket, got } = rawRequest(`GET /api/events?deviceId=slow HTTP/1.1\r\nHost: localhost\r\nCookie: ${user.cookie}`);
    await expect.poll(() => got.text, POLL).toContain('retry:');
    const lastSeen = () => [...got.text.matchAll(/^id: (.+)$/gm)].at(-1)?.[1];
    getHub().broadcast(user.id, {
      channel: 'changed',
      type: 'changed',
      payload: { scope: 'profile' },
      sourceDeviceId: null,
      timestamp: new Date().toISOString(),
      changedScopes: ['profile'],
    });
    await expect.poll(lastSeen, POLL).toBeDefined();
    const resumeFrom = lastSeen()!;
    socket.pause();
    const big = 'x'.repeat(8 * 1024);
    // The kernel's socket buffers take the first few MB; then the response buffers and the bound trips.
    for (let i = 0; i < 20_000 && getHub().connectionCount(user.id) > 0; i++) {
      getHub().broadcast(user.id, {
        channel: 'changed',
        type: 'changed',
        payload: { scope: 'profile', big },
        sourceDeviceId: null,
        timestamp: new Date().toISOString(),
        changedScopes: ['profile'],
      });
      if (i % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    expect(getHub().connectionCount(user.id)).toBe(0);
    socket.resume();
    await expect.poll(() => got.closed, POLL).toBe(true);

    // The reconnect gets a replay of what the ring still holds (or one resync), never silence.
    const again = rawRequest(`GET /api/events?deviceId=slow HTTP/1.1\r\nHost: localhost\r\nCookie: ${user.cookie}\r\nLast-Event-ID: ${resumeFrom}`);
    await expect.poll(() => /^data: /m.test(again.got.text), POLL).toBe(true);
    expect(getHub().connectionCount(user.id)).toBe(1);
  });

  it('keeps a stream whose client reads, however much is sent', async () => {
    const user = await createTestUser();
    const { got } = rawRequest(`GET /api/events?deviceId=fast HTTP/1.1\r\nHost: localhost\r\nCookie: ${user.cookie}`);
    await expect.poll(() => got.text, POLL).toContain('retry:');
    const big = 'y'.repeat(256 * 1024);
    for (let i = 0; i < 40; i++) {
      getHub().broadcast(user.id, {
        channel: 'changed',
        type: 'changed',
        payload: { big },
        sourceDeviceId: null,
        timestamp: new Date().toISOString(),
        changedScopes: [],
      });
      await expect.poll(() => got.text.split('\ndata: ').length - 1, POLL).toBe(i + 1);
    }
    expect(getHub().connectionCount(user.id)).toBe(1);
  });
});

describe('what an open stream keeps (decision 055)', () => {
  it('writes every header in one head with the request id, keeps no header map, and drops the request headers once open', async () => {
    const user = await createTestUser();
    const opened: { req?: IncomingMessage; res?: ServerResponse } = {};
    const own = createServer((req, res) => {
      Object.assign(opened, { req, res });
      req.headers['x-request-id'] = 'stream-request-id';
      void handleEventStream(req, res);
    });
    await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve));
    const socket = connect((own.address() as AddressInfo).port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.write(`GET /api/events?deviceId=kept HTTP/1.1\r\nHost: localhost\r\nCookie: ${user.cookie}\r\n\r\n`);
    await expect.poll(() => text, POLL).toContain('retry:');
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(text).toMatch(/^x-request-id: stream-request-id\r$/im);
    expect(text).toMatch(/^content-type: text\/event-stream/im);
    expect(text).toMatch(/^content-security-policy: /im);
    expect(opened.res!.getHeaderNames()).toEqual([]);
    expect(opened.req!.rawHeaders).toEqual([]);
    expect(opened.req!.headers).toEqual({});
    socket.destroy();
    own.closeAllConnections();
    await new Promise((resolve) => own.close(resolve));
  });
});

describe('responseSink', () => {
  function fakeResponse() {
    const res = {
      writableLength: 0,
      destroyed: false,
      ended: 0,
      write(chunk: string) {
        res.writableLength += chunk.length;
        return res.writableLength < 16 * 1024;
      },
      end() {
        res.ended += 1;
        return res;
      },
      destroy() {
        res.destroyed = true;
        return res;
      },
    };
    return res;
  }

  it('accepts writes up to the bound, then destroys the response and reports the stream gone', () => {
    const res = fakeResponse();
    const sink = responseSink(res as never);
    expect(sink.write('a'.repeat(MAX_BUFFERED_BYTES - 1))).toBe(true);
    expect(sink.write('b')).toBe(true);
    expect(res.destroyed).toBe(false);
    expect(sink.write('c')).toBe(false);
    expect(res.destroyed).toBe(true);
    expect(sink.write('d')).toBe(false);
    sink.close();
    expect(res.ended).toBe(0);
  });

  it('ends a healthy response on close', () => {
    const res = fakeResponse();
    const sink = responseSink(res as never);
    sink.write('hello');
    sink.close();
    expect(res.ended).toBe(1);
  });
});
