import { AppError } from '@/lib/server/platform/errors';
import { withRequestLog } from '@/lib/server/platform/http/request-log';
import { errorResponse } from '@/lib/server/platform/http/respond';

export const dynamic = 'force-dynamic';

// Any /api path no route has, whatever the method: a JSON 404 like every other API error, not the
// app's HTML "page not found". Every other route is more specific, so this one only gets the rest.
const noSuchRoute = withRequestLog(async (req) => errorResponse(new AppError('not_found', `No API at ${new URL(req.url).pathname}`)));

export const GET = noSuchRoute;
export const POST = noSuchRoute;
export const PUT = noSuchRoute;
export const PATCH = noSuchRoute;
export const DELETE = noSuchRoute;
