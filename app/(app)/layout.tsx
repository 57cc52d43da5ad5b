import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/AppShell';
import { currentSession } from '@/lib/server/domains/account/session';

export default async function AppLayout({ children }: { children: ReactNode }) {
  if (!(await currentSession())) redirect('/login');
  return <AppShell>{children}</AppShell>;
}
