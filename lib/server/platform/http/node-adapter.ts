import 'server-only';
import { once } from 'node:events';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { logger } from '@/lib/server/platform/log';
import { errorResponse, wholeBodyOf } from './respond';
import type { RouteMatch } from './api-router';

/** The request's headers as a Headers object (Node has already joined repeated ones). */
export function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  return headers;
}

/**
 * The request body as a web stream that reads the socket only as fast as the handler does, and a
 * `discard` for after the answer: whatever the handler did not read (a body over the limit: 413)
 * is then read and dropped, so the client can finish sending and the connection carries on.
 */
function bodyStream(req: IncomingMessage): { body: ReadableStream<Uint8Array>; discard: () => void } {
  let detach = () => {};
  const discard = () => {
    detach();
    req.resume();
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const onData = (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      };
      const onEnd = () => {
        detach();
        controller.close();
      };
      // The client went away mid-body; readers report it as theirs (lib/server/platform/http/body.ts).
      const onAborted = () => {
        detach();
        controller.error(new Error('The connection closed before the whole body arrived'));
      };
      const onError = (err: Error) => {
        detach();
        controller.error(err);
      };
      detach = () => {
        req.off('data', onData).off('end', onEnd).off('aborted', onAborted).off('error', onError);
      };
      req.on('data', onData).on('end', onEnd).on('aborted', onAborted).on('error', onError);
    },
    pull() {
      req.resume();
    },
    cancel: discard,
  });
  return { body, discard };
}

/**
 * A Web Request for a route handler, as Next.js builds it: the URL on Next's own origin
 * (`http://localhost:<port>`, whatever the Host header says), the body streamed, and a signal that
 * aborts when the client goes away before the answer.
 */
export function toWebRequest(req: IncomingMessage, res: ServerResponse, origin: string): { request: Request; discardBody: () => void } {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const method = req.method ?? 'GET';
  const stream = method !== 'GET' && method !== 'HEAD' ? bodyStream(req) : undefined;
  const request = new Request(new URL(req.url ?? '/', origin), {
    method,
    headers: requestHeaders(req),
    body: stream?.body,
    signal: controller.signal,
    // @ts-expect-error Node's fetch needs `duplex` for a streamed body; the DOM typings lack it.
    duplex: stream ? 'half' : undefined,
  });
  return { request, discardBody: stream?.discard ?? (() => {}) };
}

const nextTurn = () => new Promise<undefined>((resolve) => setImmediate(resolve, undefined));

/**
 * Writes a Web Response to the Node response: its headers (`defaults` where it sets none), then
 * its body. A body that is all there at once (any string or JSON answer) goes out in one write
 * with its Content-Length, so small answers are not compressed; a body still being produced is
 * streamed as it comes.
 */
export async function writeWebResponse(res: ServerResponse, response: Response, defaults: Readonly<Record<string, string>> = {}): Promise<void> {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(defaults)) headers[name.toLowerCase()] = value;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  if (!response.body) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const whole = wholeBodyOf(response);
  if (whole !== undefined) {
    headers['content-length'] ??= String(Buffer.byteLength(whole));
    res.writeHead(response.status, headers);
    res.end(whole);
    return;
  }
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => {});
  res.once('close', stop);
  try {
    const first = await reader.read();
    // A body already complete has its end queued behind its first chunk: it settles before the next turn.
    let pending = first.done ? undefined : reader.read();
    const rest = pending && (await Promise.race([pending, nextTurn()]));
    if (first.done || rest?.done) {
      const whole = first.value ?? new Uint8Array(0);
      headers['content-length'] ??= String(whole.byteLength);
      res.writeHead(response.status, headers);
      res.end(whole);
      return;
    }
    res.writeHead(response.status, headers);
    res.write(first.value);
    for (;;) {
      const { done, value } = await (pending ?? reader.read());
      pending = undefined;
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    res.end();
  } catch {
    // The body failed after the status went out: all that is left is to cut the connection.
    res.destroy();
  } finally {
    res.off('close', stop);
  }
}

/** Serves one matched API route on the bare Node response: what Next.js does for it, minus its routing (decision 014). */
export async function serveApiRoute(
  req: IncomingMessage,
  res: ServerResponse,
  match: RouteMatch,
  { origin, headers = {} }: { origin: string; headers?: Readonly<Record<string, string>> },
): Promise<void> {
  const { request, discardBody } = toWebRequest(req, res, origin);
  let response: Response;
  try {
    response = await match.handler(request, { params: Promise.resolve(match.params) });
  } catch (err) {
    response = errorResponse(err);
  }
  try {
    await writeWebResponse(res, response, headers);
  } catch (err) {
    logger().error({ err }, 'could not write the response');
    res.destroy();
  } finally {
    if (!req.readableEnded) discardBody();
  }
}
