import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET as openEvents } from '@/app/api/events/route';
import { resetConfigForTests } from '@/lib/server/platform/config';
import { getHub, resetHubForTests } from '@/lib/server/platform/realtime';
import { handleEventStream } from '@/lib/server/platform/realtime/node-stream';
import { call, createTestUser, type TestUser } from '../helpers';

// SSE_MAX_STREAMS_PER_USER bounds one user's streams on a node, on both paths of /api/events
// (decision 026): the route handler (next start, next dev) and npm start's bare-node stream.
let server: Server;
let port: number;
const sockets: Socket[] = [];

beforeAll(async () => {
  process.env.SSE_MAX_STREAMS_PER_USER = '2';
  resetConfigForTests();
  resetHubForTests();
  server = createServer((req, res) => void handleEventStream(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterEach(() => {
  sockets.splice(0).forEach((s) => s.destroy());
  resetHubForTests();
});
afterAll(async () => {
  delete process.env.SSE_MAX_STREAMS_PER_USER;
  resetConfigForTests();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A stream opened through the route handler, read until it ends. */
async function routeStream(user: TestUser, deviceId: string) {
  const res = await call(openEvents, `/api/events?deviceId=${deviceId}`, { cookie: user.cookie });
  expect(res.status).toBe(200);
  const stream = { text: '', ended: false };
  const reader = res.body!.getReader();
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) break;
      stream.text += new TextDecoder().decode(value);
    }
    stream.ended = true;
  })();
  await expect.poll(() => stream.text).toContain('retry:');
  return stream;
}

/** A stream opened on npm start's bare-node path, over a raw socket. */
async function nodeStream(user: TestUser, deviceId: string) {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  const stream = { text: '', ended: false };
  socket.on('data', (chunk) => {
    stream.text += chunk.toString('utf8');
    // The last chunk of a chunked response: the server ended the stream (the socket stays open for reuse).
    if (stream.text.endsWith('\r\n0\r\n\r\n')) stream.ended = true;
  });
  socket.on('close', () => (stream.ended = true));
  socket.on('error', () => {});
  socket.write(`GET /api/events?deviceId=${deviceId} HTTP/1.1\r\nHost: localhost\r\nCookie: ${user.cookie}\r\n\r\n`);
  await expect.poll(() => stream.text).toContain('retry:');
  return stream;
}

describe.each([
  ['the route handler (next start, next dev)', routeStream],
  ['npm start’s bare-node stream', nodeStream],
])('SSE_MAX_STREAMS_PER_USER on %s', (_, open) => {
  it('closes a user’s oldest stream when they open one more than the cap, and keeps everyone else’s', async () => {
    const [user, bystander] = [await createTestUser(), await createTestUser()];
    const theirs = await open(bystander, 'other');
    const oldest = await open(user, 'lost-tab');
    const kept = await open(user, 'phone');
    const newest = await open(user, 'laptop');
    await expect.poll(() => oldest.ended).toBe(true);
    expect(getHub().connectionCount(user.id)).toBe(2);
    expect(
      getHub()
        .devices(user.id)
        .map((d) => d.deviceId),
    ).toEqual(['phone', 'laptop']);
    expect([kept.ended, newest.ended, theirs.ended]).toEqual([false, false, false]);

    // The closed client reconnects: its new stream closes the next oldest, not the one just opened.
    const back = await open(user, 'lost-tab');
    await expect.poll(() => kept.ended).toBe(true);
    expect([newest.ended, back.ended]).toEqual([false, false]);
    expect(getHub().connectionCount(user.id)).toBe(2);
    expect(getHub().connectionCount(bystander.id)).toBe(1);
  });
});
