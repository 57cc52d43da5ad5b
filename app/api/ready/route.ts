import { checkReadiness } from '@/lib/server/platform/health';
import { withRequestLog } from '@/lib/server/platform/http/request-log';
import { json } from '@/lib/server/platform/http/respond';

export const dynamic = 'force-dynamic';

// GET /api/ready – readiness {status, db, bus, failing}; 503 naming the failing part (DB not migrated or not answering, bus not connected)
export const GET = withRequestLog(async () => {
  const ready = await checkReadiness();
  return json(ready, { status: ready.status === 'ready' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
});
