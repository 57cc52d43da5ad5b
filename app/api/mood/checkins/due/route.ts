import { route } from '@/lib/server/platform/http/route';
import { listDueCheckins } from '@/lib/server/domains/mood';

const MINUTE = 60_000;

// GET /api/mood/checkins/due – the check-ins due now, longest-waiting first (conditional on scope `mood`)
// Time alone makes a schedule due, so the ETag also carries the current minute: a 304 is at most a minute old.
export const GET = route({ etag: () => ({ scopes: ['mood'], key: String(Math.floor(Date.now() / MINUTE)) }) }, ({ principal, deviceId }) =>
  listDueCheckins({ userId: principal.userId, deviceId }, Date.now()),
);
