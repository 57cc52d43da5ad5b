import { route } from '@/lib/server/platform/http/route';
import { json } from '@/lib/server/platform/http/respond';
import { listTermsVersions, publishTerms } from '@/lib/server/domains/terms/service';
import { termsPublishSchema } from '@/lib/shared/schemas/admin';

// GET /api/admin/terms – every terms version, the current (newest) first (admins only)
export const GET = route({ auth: 'admin' }, () => listTermsVersions());

// POST /api/admin/terms – publish the next terms version ({title, body}); every user must accept it again (admins only)
export const POST = route({ auth: 'admin', body: termsPublishSchema }, async ({ principal, body, deviceId }) =>
  json(await publishTerms({ userId: principal.userId, deviceId }, body), { status: 201 }),
);
