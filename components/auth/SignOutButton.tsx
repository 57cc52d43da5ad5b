'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { announceSessionChange, signOutOnServer } from '@/lib/sync/auth-session';
import { forgetSavedQueries, waitingWrites } from '@/lib/sync/offline-db';
import { forgetSavedPages } from '@/lib/sync/service-worker';
import { forgetEverything } from '@/lib/sync/session-store';
import { useHydrated } from '../shell/useHydrated';
import { hardNavigate } from './navigation';
import { useAppSession } from './SessionState';

/** What signing out asks while changes made offline still wait to be sent. */
export const unsentQuestion = (n: number) =>
  `${n} ${n === 1 ? 'change' : 'changes'} made offline ${n === 1 ? 'has' : 'have'} not been sent yet. ` +
  'They stay on this device and are sent the next time you sign in here. Sign out now?';

/** Signs out (the other tabs are told, and leave too) and leaves with a full navigation; asks first while changes wait to be sent. */
export function SignOutButton({ className, children }: { className?: string; children?: ReactNode }) {
  const [busy, setBusy] = useState(false);
  const userId = useAppSession().data?.user.id;
  const queryClient = useQueryClient();
  // Shown by the server's HTML before the page is hydrated: a click then would do nothing.
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      className={className ?? 'btn-secondary'}
      disabled={busy || !hydrated}
      onClick={async () => {
        setBusy(true);
        const waiting = userId ? await waitingWrites(userId).catch(() => 0) : 0;
        if (waiting > 0 && !window.confirm(unsentQuestion(waiting))) {
          setBusy(false);
          return;
        }
        forgetEverything(window.sessionStorage);
        // What this browser saved for reading offline goes with the session (the worker's pages too);
        // the cache is emptied first, so a save still queued writes nothing of it back.
        queryClient.clear();
        await Promise.all([userId ? forgetSavedQueries(userId) : null, forgetSavedPages()]).catch(() => undefined);
        await signOutOnServer();
        announceSessionChange();
        hardNavigate('/login');
      }}
    >
      {children ?? (busy ? 'Signing out…' : 'Sign out')}
    </button>
  );
}
