import { z } from 'zod';
import { route } from '@/lib/server/platform/http/route';
import { acceptTerms } from '@/lib/server/domains/terms/service';

// POST /api/tos/accept – accept a terms version ({version})
export const POST = route({ body: z.object({ version: z.number().int().positive() }) }, ({ principal, body, deviceId }) =>
  acceptTerms({ userId: principal.userId, deviceId }, body.version),
);
