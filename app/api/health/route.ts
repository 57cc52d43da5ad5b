import { checkHealth } from '@/lib/server/platform/health';
import { withRequestLog } from '@/lib/server/platform/http/request-log';
import { json } from '@/lib/server/platform/http/respond';

export const dynamic = 'force-dynamic';

// GET /api/health – liveness {status, db, bus, version}; 503 when the database does not answer
export const GET = withRequestLog(async () => {
  const health = await checkHealth();
  return json(health, { status: health.db === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
});
