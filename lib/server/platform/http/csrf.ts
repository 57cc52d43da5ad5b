import 'server-only';
import { forbidden } from '@/lib/server/platform/errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie-authenticated unsafe requests must come from our own pages: browsers send
 * Sec-Fetch-Site on every request, and Origin on every cross-origin or non-GET one.
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE.has(req.method)) return;
  const site = req.headers.get('sec-fetch-site');
  if (site === 'cross-site') throw forbidden('Cross-site requests are not allowed');
  const origin = req.headers.get('origin');
  if (!origin || origin === 'null') {
    if (origin === 'null') throw forbidden('Cross-site requests are not allowed');
    return;
  }
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? new URL(req.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw forbidden('Cross-site requests are not allowed');
  }
  if (originHost !== host) throw forbidden('Cross-site requests are not allowed');
}

/**
 * For a safe request that is still costly or sensitive (the data export): a page of another site may
 * not start it in the user's browser. Top-level navigations from our own pages say same-origin.
 */
export function assertNotCrossSite(req: Request): void {
  if (req.headers.get('sec-fetch-site') === 'cross-site') throw forbidden('Cross-site requests are not allowed');
}
