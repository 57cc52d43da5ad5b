import 'server-only';
import { processSingleton } from '@/lib/server/platform/process';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logger } from '@/lib/server/platform/log';
import { recordApiRequest } from '@/lib/server/platform/metrics/registry';
import { errorResponse } from './respond';
import { apiRouteOf } from './route-table';

type Params = Record<string, string | string[] | undefined>;
type Segment = { params?: Promise<Params> };

/**
 * One request's log line: `{requestId, method, path, route?, status, durationMs, userId?, aborted?}`
 * with `msg: "request"`. `path` never has a query string; nothing from headers, cookies or bodies.
 */
export interface RequestLogEntry {
  requestId: string;
  method: string;
  path: string;
  /** The route pattern (`/api/books/[id]`): from npm start's router, else the route table (route-table.ts). */
  route?: string;
  userId?: string;
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The caller's X-Request-Id when it is a sane token, else a new one: it is echoed and logged. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

// Who logs what: scripts/server.ts (npm start) writes the one line for every request it serves and
// opens this scope; a route handler inside it only adds its route and user. Without the scope
// (tests, `next start`, `next dev`) the route handler writes the line itself. Once per process
// (process.ts): the server and the route bundles each load their own copy of this module.
const slot = processSingleton('request-scope', (): { requestScope?: AsyncLocalStorage<RequestLogEntry> } => ({}));
const requestScope = (slot.requestScope ??= new AsyncLocalStorage<RequestLogEntry>());

function writeLine(entry: RequestLogEntry, status: number, durationMs: number, aborted = false): void {
  const line = { ...entry, status, durationMs: Math.round(durationMs * 10) / 10, ...(aborted ? { aborted } : {}) };
  if (status >= 500) logger().error(line, 'request');
  else logger().info(line, 'request');
}

/** Headers of a Response.redirect() or a fetched Response are immutable: copy those. */
function withRequestId(res: Response, requestId: string): Response {
  try {
    res.headers.set('X-Request-Id', requestId);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    copy.headers.set('X-Request-Id', requestId);
    return copy;
  }
}

/**
 * Wraps a route handler: a request id (echoed as X-Request-Id), the request metrics, and one log
 * line unless scripts/server.ts writes it. The handler may set `entry.userId` once it knows it.
 */
export function withRequestLog(handler: (req: Request, segment: Segment | undefined, entry: RequestLogEntry) => Promise<Response>) {
  return async (req: Request, segment?: Segment): Promise<Response> => {
    const started = performance.now();
    const served = requestScope.getStore();
    const url = new URL(req.url);
    const entry: RequestLogEntry = {
      requestId: served?.requestId ?? requestIdFrom(req.headers.get('x-request-id')),
      method: req.method,
      path: url.pathname,
    };
    // npm start's router named the route already; under Next the route table does.
    entry.route = served?.route ?? apiRouteOf(url.pathname);
    let res: Response;
    try {
      res = await handler(req, segment, entry);
    } catch (err) {
      res = errorResponse(err);
    }
    res = withRequestId(res, entry.requestId);
    const durationMs = performance.now() - started;
    const conditional = req.method === 'GET' && req.headers.has('if-none-match') && res.headers.has('etag');
    recordApiRequest({ method: req.method, route: entry.route ?? url.pathname, status: res.status, durationMs, conditional });
    if (served) Object.assign(served, { route: entry.route, userId: entry.userId });
    else writeLine(entry, res.status, durationMs);
    return res;
  };
}

/** Names the route of the request being served by scripts/server.ts (its router knows it): the log line and metrics carry it. */
export function nameRoute(pattern: string): void {
  const entry = requestScope.getStore();
  if (entry) entry.route = pattern;
}

/** Adds the user to the log line of the request being served by scripts/server.ts, once known (an SSE stream's). */
export function nameUser(userId: string): void {
  const entry = requestScope.getStore();
  if (entry) entry.userId = userId;
}

/**
 * For scripts/server.ts: gives the request its id (on the response, and on the request for Next),
 * serves it inside the scope, and logs one line when the response closes — also for a stream the
 * client dropped (`aborted`), which never emits 'finish'.
 *
 * `echoOnResponse: false` leaves the response's X-Request-Id to the handler (it reads the id from
 * the request): an SSE stream passes every header to one writeHead, and a response that had a
 * header set before writeHead keeps a map of all its headers for as long as it is open (decision 055).
 */
export function serveWithRequestLog(req: IncomingMessage, res: ServerResponse, serve: () => void, { echoOnResponse = true } = {}): void {
  const started = performance.now();
  const header = req.headers['x-request-id'];
  const requestId = requestIdFrom(typeof header === 'string' ? header : undefined);
  req.headers['x-request-id'] = requestId;
  if (echoOnResponse) res.setHeader('X-Request-Id', requestId);
  const entry: RequestLogEntry = { requestId, method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0] };
  res.once('close', () => writeLine(entry, res.statusCode, performance.now() - started, !res.writableFinished));
  requestScope.run(entry, serve);
}
