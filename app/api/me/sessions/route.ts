import { endOtherSessions, listSessions } from '@/lib/server/domains/account/sessions';
import { route, serviceContext } from '@/lib/server/platform/http/route';

// GET /api/me/sessions – where the account is signed in: browser, system, signed in, last seen, this one marked (browser session only)
export const GET = route({ read: listSessions });

// DELETE /api/me/sessions – sign out every other session ("sign out everywhere else"; browser session only)
export const DELETE = route({}, (ctx) => endOtherSessions(serviceContext(ctx)));
