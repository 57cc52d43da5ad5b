import { withRequestLog } from '@/lib/server/http/request-log';
import { authorizeScrape, scrapeMetrics } from '@/lib/server/metrics/scrape';

export const dynamic = 'force-dynamic';

// GET /api/metrics – Prometheus text for this node (Bearer METRICS_TOKEN; 404 while METRICS_TOKEN is unset)
export const GET = withRequestLog(async (req) => {
  authorizeScrape(req);
  const { body, contentType } = await scrapeMetrics();
  return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
});
