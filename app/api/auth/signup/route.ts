import { publicRoute } from '@/lib/server/platform/http/route';
import { json } from '@/lib/server/platform/http/respond';
import { signupSchema } from '@/lib/shared/schemas/profile';
import { createUser } from '@/lib/server/domains/account/users';

// POST /api/auth/signup – create an account ({email, password, name, timezone})
export const POST = publicRoute({ body: signupSchema }, async ({ body }) => {
  const user = await createUser(body);
  return json({ id: user.id, email: user.email, name: user.name, timezone: user.timezone }, { status: 201 });
});
