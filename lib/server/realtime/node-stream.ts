import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../errors';
import { getHub } from './index';
import { SSE_HEADERS, authorizeStream } from './stream';

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  return new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`), { headers });
}

/**
 * GET /api/events on the bare node:http response: an idle stream then costs a socket and a few
 * small objects (~tens of KB less than a route-handler ReadableStream; see decision 010).
 */
export async function handleEventStream(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let input;
  try {
    input = await authorizeStream(toRequest(req));
  } catch (err) {
    const status = err instanceof AppError ? err.status : 500;
    const body = err instanceof AppError ? { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } } : { error: { code: 'internal', message: 'Something went wrong on our side' } };
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-cache' });
    res.end(JSON.stringify(body));
    return;
  }
  req.socket.setNoDelay(true);
  req.socket.setKeepAlive(true, 30_000);
  req.socket.setTimeout(0);
  res.writeHead(200, SSE_HEADERS);
  const hub = getHub();
  const conn = hub.connect({
    ...input,
    sink: {
      write: (chunk) => !res.destroyed && res.write(chunk) !== undefined,
      close: () => res.end(),
    },
  });
  req.on('close', () => hub.disconnect(conn));
  res.on('error', () => hub.disconnect(conn));
}
