import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRouteEntry } from './api-router';
import { createApiServer } from './api-server';
import { nameRoute, serveWithRequestLog } from './request-log';
import { createStaticBrotli } from './static-brotli';

const STATIC_PREFIX = '/_next/static/';

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface EdgeOptions {
  /** Next's request handler, for whatever the edge does not answer itself. */
  next: NodeHandler;
  /** GET paths served on the bare node:http response (`/api/events`: decision 010); each sets its own X-Request-Id (from the request's). */
  streams: Readonly<Record<string, NodeHandler>>;
  /** Next's own origin: the URL route handlers see, whatever the Host header says. */
  origin: string;
  compress: boolean;
  /** `<distDir>/static`: its `.br` files are served to browsers that accept br (decision 061). Without it, Next serves every file. */
  staticDir?: string;
}

/**
 * npm start's edge, the one door of every request (decisions 010, 014, 027): it writes the request's
 * log line; serves the streams on the bare response; calls the API route handlers itself, or refuses
 * what Next would answer badly; serves the build's brotli files; and hands Next the rest.
 */
export function createEdge(routes: readonly ApiRouteEntry[], options: EdgeOptions) {
  const serveApi = createApiServer(routes, { origin: options.origin, compress: options.compress });
  // A Map, not the object: a path like `/constructor` must find nothing.
  const streams = new Map(Object.entries(options.streams));
  // `compress: false` in next.config.js (a proxy compresses): Next serves every file as it is, so do we.
  const serveStatic = options.staticDir && options.compress ? createStaticBrotli(options.staticDir) : null;
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0];
    const stream = req.method === 'GET' ? streams.get(path) : undefined;
    // A stream writes its X-Request-Id itself, with its other headers (request-log.ts). The build's
    // files get none: an immutable hashed file is no request to trace, and the id cost every script
    // ~50 bytes on the wire (decision 065); their log line keeps it.
    serveWithRequestLog(
      req,
      res,
      () => {
        if (stream) {
          nameRoute(path);
          void stream(req, res);
        } else if (!serveApi(req, res)) {
          const next = () => void options.next(req, res);
          if (serveStatic) serveStatic(req, res, next);
          else next();
        }
      },
      { echoOnResponse: !stream && !path.startsWith(STATIC_PREFIX) },
    );
  };
}
