import { route } from '@/lib/server/http/route';
import { CURRENT_TERMS, hasAcceptedCurrentTerms } from '@/lib/server/terms';

// GET /api/tos – the current terms and whether the caller has accepted them
export const GET = route({ etag: () => ({ scopes: ['terms'], key: `v${CURRENT_TERMS.version}` }) }, async ({ principal }) => ({
  terms: CURRENT_TERMS,
  accepted: await hasAcceptedCurrentTerms(principal.userId),
}));
