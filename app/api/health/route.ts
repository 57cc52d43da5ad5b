import { checkHealth } from '@/lib/server/health';
import { json } from '@/lib/server/http/respond';

export const dynamic = 'force-dynamic';

// GET /api/health – {status, db, bus, version}; 503 when the database does not answer
export async function GET(): Promise<Response> {
  const health = await checkHealth();
  return json(health, { status: health.db === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
