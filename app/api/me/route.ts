import { deleteOwnAccount } from '@/lib/server/domains/account/erase';
import { getProfile, updateProfile } from '@/lib/server/domains/account/profile';
import { clientIp } from '@/lib/server/platform/auth/client-ip';
import { secureCookies, sessionCookieName } from '@/lib/server/platform/auth/cookies';
import { route, serviceContext } from '@/lib/server/platform/http/route';
import { json } from '@/lib/server/platform/http/respond';
import { profilePatchSchema } from '@/lib/shared/schemas/profile';
import { accountDeleteSchema } from '@/lib/shared/schemas/sessions';

// GET /api/me – the signed-in user's profile
export const GET = route({ read: getProfile });

// PATCH /api/me – change name and/or time zone
export const PATCH = route({ body: profilePatchSchema }, ({ principal, body, deviceId }) => updateProfile({ userId: principal.userId, deviceId }, body));

// DELETE /api/me – delete the account and all its data ({password}; browser session only); the browser is signed out
export const DELETE = route({ body: accountDeleteSchema }, async (ctx) => {
  const result = await deleteOwnAccount(serviceContext(ctx), ctx.body, clientIp(ctx.req.headers));
  const cookie = `${sessionCookieName()}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secureCookies() ? '; Secure' : ''}`;
  return json(result, { headers: { 'Set-Cookie': cookie, 'Cache-Control': 'no-store' } });
});
