import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from '@/lib/server/platform/errors';
import { requestHeaders } from '@/lib/server/platform/http/node-adapter';
import { nameUser } from '@/lib/server/platform/http/request-log';
import { writeErrorResponse } from '@/lib/server/platform/http/respond';
import type { ConnectionSink } from './hub';
import { getHub } from './index';
import { MAX_BUFFERED_BYTES, SSE_HEADERS, authorizeStream } from './stream';

function toRequest(req: IncomingMessage): Request {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  } catch {
    // e.g. `Host: [::1`: a client error, not ours.
    throw badRequest('Malformed Host header or request target');
  }
  return new Request(url, { headers: requestHeaders(req) });
}

type Writable = Pick<ServerResponse, 'write' | 'end' | 'destroy' | 'destroyed' | 'writableLength'>;

/**
 * Writes to the response unless the client has fallen `maxBufferedBytes` behind: then the socket
 * is dropped (not ended — an end would queue behind the backlog) and the write reports failure, so
 * the hub forgets the connection; the client reconnects and gets replay or `resync`.
 */
export function responseSink(res: Writable, maxBufferedBytes = MAX_BUFFERED_BYTES): ConnectionSink {
  return {
    write(chunk) {
      if (res.destroyed) return false;
      res.write(chunk);
      if (res.writableLength <= maxBufferedBytes) return true;
      res.destroy();
      return false;
    },
    close() {
      if (!res.destroyed) res.end();
    },
  };
}

/** What Node keeps of a response once its head is written: the head as one string, until the response ends. */
type SentHead = { _header?: string | null };

/**
 * GET /api/events on the bare node:http response: an idle stream then costs a socket and a few
 * small objects (~tens of KB less than a route-handler ReadableStream; see decision 010). What it
 * keeps beyond the raw transport is trimmed once the stream is open (decision 055).
 */
export async function handleEventStream(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = req.headers['x-request-id'];
  let input;
  try {
    input = await authorizeStream(toRequest(req));
  } catch (err) {
    if (typeof requestId === 'string') res.setHeader('X-Request-Id', requestId);
    writeErrorResponse(res, err);
    return;
  }
  nameUser(input.userId);
  req.socket.setNoDelay(true);
  req.socket.setKeepAlive(true, 30_000);
  req.socket.setTimeout(0);
  // Every header in one writeHead: Node then keeps no per-response map of them (request-log.ts).
  res.writeHead(200, typeof requestId === 'string' ? { ...SSE_HEADERS, 'X-Request-Id': requestId } : SSE_HEADERS);
  const hub = getHub();
  const conn = hub.connect({ ...input, sink: responseSink(res) });
  req.on('close', () => hub.disconnect(conn));
  res.on('error', () => hub.disconnect(conn));
  // Node builds the head it keeps by appending header after header: a rope of ~50 small strings
  // (~2 KB). Reading one character makes V8 flatten it into one string (~0.5 KB), in place.
  (res as unknown as SentHead)._header?.charCodeAt(0);
  // The request's headers (a session cookie among them) were read by authorizeStream; an open
  // stream never reads them again, and would otherwise hold them until it closes.
  req.rawHeaders = [];
  req.headers = {};
}
