import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { AppShell } from '@/components/shell/AppShell';
import { currentSession } from '@/lib/server/domains/account/session';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  if (!session) redirect('/login');
  return (
    <Providers session={session}>
      <AppShell>{children}</AppShell>
    </Providers>
  );
}
