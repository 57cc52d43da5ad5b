import { changePassword } from '@/lib/server/domains/account/password';
import { clientIp } from '@/lib/server/platform/auth/client-ip';
import { route, serviceContext } from '@/lib/server/platform/http/route';
import { passwordChangeSchema } from '@/lib/shared/schemas/sessions';

// POST /api/me/password – change the password ({currentPassword, newPassword}); every other session is signed out (browser session only)
export const POST = route({ body: passwordChangeSchema }, (ctx) => changePassword(serviceContext(ctx), ctx.body, clientIp(ctx.req.headers)));
