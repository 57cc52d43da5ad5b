import 'server-only';
import { exposedGc } from '@/lib/server/platform/process';
import { createHash, timingSafeEqual } from 'node:crypto';
import { config } from '@/lib/server/platform/config';
import { ensureDatabase } from '@/lib/server/platform/db/migrate';
import { AppError, notFound } from '@/lib/server/platform/errors';
import { registerCollectors } from './collectors';
import { appMetrics } from './registry';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Off (404) unless METRICS_TOKEN is set, so a deployment never exposes its figures by accident;
 * then `Authorization: Bearer <token>`, compared in constant time.
 */
export function authorizeScrape(req: Request): void {
  const token = config().METRICS_TOKEN;
  if (!token) throw notFound('Page');
  const given = /^Bearer (.+)$/.exec(req.headers.get('authorization') ?? '')?.[1] ?? '';
  if (!timingSafeEqual(digest(given), digest(token))) {
    throw new AppError('unauthorized', 'A valid metrics token is required', undefined, { 'WWW-Authenticate': 'Bearer realm="metrics"' });
  }
}

/**
 * This node's metrics in the Prometheus text format. `gc`: a test-only hook for leak checks
 * (scripts/soak.ts) — a full collection first, when APP_ENV=test and node runs with --expose-gc.
 */
export async function scrapeMetrics(options: { gc?: boolean } = {}): Promise<{ body: string; contentType: string }> {
  await ensureDatabase();
  const gc = exposedGc();
  if (options.gc && gc && config().APP_ENV === 'test') gc();
  const metrics = appMetrics();
  if (!metrics.collectorsRegistered) {
    registerCollectors(metrics.registry);
    metrics.collectorsRegistered = true;
  }
  return { body: await metrics.registry.metrics(), contentType: metrics.registry.contentType };
}
