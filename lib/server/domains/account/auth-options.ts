import 'server-only';
import { randomUUID } from 'node:crypto';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { termsStatus } from '@/lib/server/domains/terms/service';
import { findUser, verifyCredentials } from './users';
import { ensureDatabase } from '@/lib/server/platform/db/migrate';
import { openSession, sessionIsLive } from '@/lib/server/platform/auth/sessions';
import { endSession } from './sessions';
import { clientIp } from '@/lib/server/platform/auth/client-ip';
import { loginLimit } from '@/lib/server/platform/auth/login-limit';
import { authSecret } from '@/lib/server/platform/auth/secret';
import { secureCookies } from '@/lib/server/platform/auth/cookies';
import { logger } from '@/lib/server/platform/log';

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** The session was signed out or ended elsewhere; next-auth logs it and answers as signed out. */
class SessionEnded extends Error {
  constructor() {
    super('This session was signed out');
    this.name = 'SessionEnded';
  }
}

function headersOf(req: { headers?: Record<string, unknown> } | undefined): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(req?.headers ?? {})) if (typeof v === 'string') h.set(k, v);
  return h;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    useSecureCookies: secureCookies(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/login', signOut: '/logout', error: '/login' },
    // next-auth logs to the console; ours goes through the app's logger, and an ended session is no error.
    logger: {
      error(code, metadata) {
        const err = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
        if (err instanceof Error && err.name === 'SessionEnded') logger().info({ code }, 'a signed-out session was refused');
        else logger().error({ code, err }, 'next-auth error');
      },
      warn: (code) => logger().warn({ code }, 'next-auth warning'),
      debug: () => {},
    },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, req) {
          const email = String(credentials?.email ?? '')
            .trim()
            .toLowerCase();
          const password = String(credentials?.password ?? '');
          // No password is longer than 200 characters (sign-up refuses them): skip the KDF's work.
          if (!email || !password || password.length > 200) return null;
          const headers = headersOf(req as { headers?: Record<string, unknown> });
          const ip = clientIp(headers);
          if (loginLimit.retryAfter(email, ip) > 0) return null;
          await ensureDatabase();
          const user = await verifyCredentials(email, password);
          if (!user) {
            loginLimit.failed(email, ip);
            return null;
          }
          loginLimit.succeeded(email);
          const { terms, accepted } = await termsStatus(user.id);
          const termsVersion = accepted ? terms.version : 0;
          return { id: user.id, email: user.email, name: user.name, role: user.role, termsVersion, userAgent: headers.get('user-agent') };
        },
      }),
    ],
    events: {
      // The session ends on the server too: its row is revoked and its streams close on every node.
      async signOut({ token }) {
        if (token?.sub && token.sid) await endSession({ userId: token.sub }, token.sid);
      },
    },
    callbacks: {
      async jwt({ token, user, trigger }) {
        if (user) {
          token.sub = user.id;
          token.role = user.role;
          token.termsVersion = user.termsVersion;
          token.sid = randomUUID();
          await openSession(user.id, token.sid, user.userAgent ?? null);
          return token;
        }
        // A revoked (or pre-session) JWT: throwing makes next-auth answer no session and clear the cookie.
        if (!token.sub || !token.sid || !(await sessionIsLive(token.sub, token.sid))) throw new SessionEnded();
        if (trigger === 'update') {
          // The client asks for an update after accepting terms or editing the profile.
          const fresh = await findUser(token.sub);
          if (fresh) {
            token.name = fresh.name;
            token.role = fresh.role;
            const { terms, accepted } = await termsStatus(fresh.id);
            token.termsVersion = accepted ? terms.version : 0;
          }
        }
        return token;
      },
      async session({ session, token }) {
        session.user = { id: token.sub!, email: token.email ?? '', name: token.name ?? '', role: token.role ?? 'user' };
        session.termsVersion = token.termsVersion ?? 0;
        return session;
      },
    },
  };
}
