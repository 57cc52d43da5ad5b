import { endOwnSession } from '@/lib/server/domains/account/sessions';
import { route, serviceContext } from '@/lib/server/platform/http/route';

// DELETE /api/me/sessions/[id] – sign one of the account's sessions out, on the server (browser session only)
export const DELETE = route({}, (ctx) => endOwnSession(serviceContext(ctx), String(ctx.params.id)));
