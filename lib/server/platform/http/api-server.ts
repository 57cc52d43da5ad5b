import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';
import { createApiRouter, type ApiRouteEntry } from './api-router';
import { serveApiRoute } from './node-adapter';
import { nameRoute } from './request-log';
import { writeErrorResponse } from './respond';
import { DOCUMENTS_SOURCE, securityHeaders } from './security-headers.js';

interface HeaderRule {
  source: string;
  headers: { key: string; value: string }[];
  has?: unknown;
  missing?: unknown;
}

/** The parts of next.config.js that shape every response, which the API server must repeat. */
export interface NextResponseConfig {
  compress?: boolean;
  headers?: () => Promise<HeaderRule[]> | HeaderRule[];
}

/**
 * The headers next.config.js gives every API path: its rules for every path, and for every path but
 * the build's static files (security-headers.js). Another rule cannot be applied without Next's matcher: refused.
 */
export async function everyResponseHeaders(nextConfig: NextResponseConfig): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (const rule of (await nextConfig.headers?.()) ?? []) {
    if ((rule.source !== '/:path*' && rule.source !== DOCUMENTS_SOURCE) || rule.has || rule.missing)
      throw new Error(`next.config.js headers: npm start's API server cannot apply a rule for ${rule.source}`);
    for (const { key, value } of rule.headers) headers[key] = value;
  }
  return headers;
}

/**
 * npm start's API server (decisions 014, 027): for a request to `/api/…` it calls the route handler
 * that Next.js would, with the security headers and Next's compression, or refuses what Next would
 * answer with a bare 405, a 400 or a 500, and returns true; it returns false — touching nothing but
 * the log's route name — for whatever Next must serve itself (see createApiRouter).
 */
export function createApiServer(routes: readonly ApiRouteEntry[], options: { origin: string; compress: boolean }) {
  const router = createApiRouter(routes);
  // Next compresses what it serves with the same middleware (gzip, above 1 KB).
  const compress = options.compress ? compression() : null;
  const serveOptions = { origin: options.origin, headers: securityHeaders() };
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const target = req.url ?? '/';
    if (!target.startsWith('/api/')) return false;
    const query = target.indexOf('?');
    const resolution = router.resolve(req.method ?? 'GET', query < 0 ? target : target.slice(0, query));
    if (!resolution) return false;
    if (resolution.pattern) nameRoute(resolution.pattern);
    if (resolution.kind === 'next') return false;
    if (resolution.kind === 'refuse') {
      // The body of a refused request is never read: drop it so the connection can carry on.
      req.resume();
      writeErrorResponse(res, resolution.error);
      return true;
    }
    const serve = () => void serveApiRoute(req, res, resolution, serveOptions);
    if (compress) compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], serve);
    else serve();
    return true;
  };
}
