import { route } from '@/lib/server/platform/http/route';
import { termsStatus } from '@/lib/server/domains/terms/service';

const MINUTE = 60_000;

// GET /api/tos – the current terms (newest published version, else the built-in one) and whether the caller has accepted them
// Conditional on scope `terms` (the caller's acceptances) and the current minute: a version published since reaches a cached client within a minute.
export const GET = route({ etag: () => ({ scopes: ['terms'], key: String(Math.floor(Date.now() / MINUTE)) }) }, ({ principal }) =>
  termsStatus(principal.userId),
);
