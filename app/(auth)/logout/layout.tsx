import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { currentSession } from '@/lib/server/domains/account/session';

/** Signing out needs the session and the outbox's count (SignOutButton): this one auth page has the providers. */
export default async function LogoutLayout({ children }: { children: ReactNode }) {
  return <Providers session={await currentSession()}>{children}</Providers>;
}
