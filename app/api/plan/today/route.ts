import { route } from '@/lib/server/platform/http/route';
import { getTodayPlan } from '@/lib/server/domains/plan/service';

const MINUTE = 60_000;

// GET /api/plan/today – today's plan (null until generated) and the check-ins due now (conditional on scopes `plan`,
// `mood` and `profile`, and on the minute: time alone makes a check-in due and moves "today" at the user's midnight)
export const GET = route({ etag: () => ({ scopes: ['plan', 'mood', 'profile'], key: String(Math.floor(Date.now() / MINUTE)) }) }, ({ principal, deviceId }) =>
  getTodayPlan({ userId: principal.userId, deviceId }),
);
