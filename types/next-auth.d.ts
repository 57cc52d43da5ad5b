import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; name: string; role: 'user' | 'admin' };
    /** The terms version this user has accepted (0 = none), cached in the JWT. */
    termsVersion: number;
  }
  interface User {
    id: string;
    role: 'user' | 'admin';
    termsVersion: number;
    /** The browser's User-Agent at sign-in, for the list of where one is signed in. */
    userAgent?: string | null;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    role?: 'user' | 'admin';
    termsVersion?: number;
    /** Stable per sign-in (the JWT's own jti rotates on every refresh). */
    sid?: string;
  }
}
