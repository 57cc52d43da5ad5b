import type { ReactNode } from 'react';
import { ShieldAlert } from 'lucide-react';
import { currentSession } from '@/lib/server/domains/account/session';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  if (session?.user.role !== 'admin') {
    return (
      <div className="card flex items-start gap-4" role="alert">
        <ShieldAlert className="h-5 w-5 text-red-600" aria-hidden />
        <div>
          <h1 className="font-medium">Admins only</h1>
          <p className="mt-1 text-sm text-stone-600">This page is for administrators of this Passion OS server.</p>
        </div>
      </div>
    );
  }
  return children;
}
