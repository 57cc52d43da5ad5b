'use client';

import { signOut } from 'next-auth/react';
import { useState, type ReactNode } from 'react';
import { forgetEverything } from '@/lib/sync/session-store';
import { hardNavigate } from './navigation';

/** Signs out (next-auth tells the other tabs) and leaves with a full navigation. */
export function SignOutButton({ className, children }: { className?: string; children?: ReactNode }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className={className ?? 'btn-secondary'}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        forgetEverything(window.sessionStorage);
        await signOut({ redirect: false });
        hardNavigate('/login');
      }}
    >
      {children ?? (busy ? 'Signing out…' : 'Sign out')}
    </button>
  );
}
