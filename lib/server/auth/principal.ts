import 'server-only';
import { decode } from 'next-auth/jwt';
import { authSecret } from './secret';
import { sessionTokenFrom } from './cookies';

export interface Principal {
  userId: string;
  role: 'user' | 'admin';
  /** How the caller proved who they are: a browser session cookie or a native API key. */
  via: 'session' | 'apikey';
}

/** Who is calling, from the next-auth session cookie; null when nobody is signed in. */
export async function resolvePrincipal(req: Request): Promise<Principal | null> {
  const token = sessionTokenFrom(req.headers);
  if (!token) return null;
  try {
    const jwt = await decode({ token, secret: authSecret() });
    if (!jwt?.sub) return null;
    return { userId: jwt.sub, role: jwt.role === 'admin' ? 'admin' : 'user', via: 'session' };
  } catch {
    return null;
  }
}
