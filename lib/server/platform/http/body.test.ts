import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseJsonBody } from './body';

/** A POST whose body stream fails after its first bytes, as node's does when the client disconnects. */
function abortedRequest(): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"name":'));
      controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    },
  });
  return new Request('http://localhost/api/me', { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
}

describe('parseJsonBody', () => {
  it('answers a body cut off by the client as a 400 bad_request, never an internal error', async () => {
    await expect(parseJsonBody(abortedRequest(), z.object({ name: z.string() }))).rejects.toMatchObject({ code: 'bad_request', status: 400 });
  });
});
