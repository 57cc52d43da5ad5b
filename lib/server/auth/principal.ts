import 'server-only';
import { decode } from 'next-auth/jwt';
import { authSecret } from './secret';
import { sessionTokenFrom } from './cookies';

export interface Principal {
  userId: string;
  role: 'user' | 'admin';
  /** How the caller proved who they are: a browser session cookie or a native API key. */
  via: 'session' | 'apikey';
  /** Stable id of the browser session (set at sign-in); realtime streams close when it ends. */
  sessionId?: string;
  /** When the credential stops being valid (ms), if it expires. */
  expiresAt?: number;
}

/** Who is calling, from the next-auth session cookie; null when nobody is signed in. */
export async function resolvePrincipal(req: Request): Promise<Principal | null> {
  const token = sessionTokenFrom(req.headers);
  if (!token) return null;
  try {
    const jwt = await decode({ token, secret: authSecret() });
    if (!jwt?.sub) return null;
    return {
      userId: jwt.sub,
      role: jwt.role === 'admin' ? 'admin' : 'user',
      via: 'session',
      sessionId: jwt.sid,
      expiresAt: typeof jwt.exp === 'number' ? jwt.exp * 1000 : undefined,
    };
  } catch {
    return null;
  }
}
