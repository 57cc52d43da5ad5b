import { withRequestLog } from '@/lib/server/platform/http/request-log';
import { authorizeScrape, scrapeMetrics } from '@/lib/server/platform/metrics/scrape';

export const dynamic = 'force-dynamic';

// GET /api/metrics – Prometheus text for this node (Bearer METRICS_TOKEN; 404 while METRICS_TOKEN is unset;
// ?gc=1 collects garbage first on a test server run with --expose-gc)
export const GET = withRequestLog(async (req) => {
  authorizeScrape(req);
  const { body, contentType } = await scrapeMetrics({ gc: new URL(req.url).searchParams.get('gc') === '1' });
  return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
});
