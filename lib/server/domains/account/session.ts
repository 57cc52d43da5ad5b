import 'server-only';
import { getServerSession, type Session } from 'next-auth';
import { authOptions } from './auth-options';

/** The signed-in user's session for server components (layouts), or null. */
export async function currentSession(): Promise<Session | null> {
  return getServerSession(authOptions());
}
