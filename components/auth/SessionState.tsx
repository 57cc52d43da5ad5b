'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { announceSessionChange, readSession, refreshSession, sessionChannel, type AppSession } from '@/lib/sync/auth-session';

export interface SessionState {
  /** The signed-in user's session, from the server's render, then from what the server says after a change. */
  data: AppSession | null;
  status: 'authenticated' | 'unauthenticated';
  /** Has the server issue the token again (terms accepted, profile renamed) and tells the other tabs. */
  update(): Promise<AppSession | null>;
}

const SessionContext = createContext<SessionState | null>(null);

const same = (a: AppSession | null, b: AppSession | null) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The session of this tab (decision 059): the one the server rendered the page with, read again only
 * when another tab of this browser says it changed (sign-in, sign-out, a refreshed token), when the
 * page comes back from the back/forward cache (it heard nothing meanwhile) and when the browser
 * comes back online. Never per focus. A read that fails (offline, server away) proves nothing and
 * changes nothing: offline, nobody is sent to the sign-in page (decision 043). A session ended from
 * elsewhere closes this tab's event stream, which SessionWatch notices.
 */
export function SessionStateProvider({ session, children }: { session: AppSession | null; children: ReactNode }) {
  const [data, setData] = useState(session);
  const [status, setStatus] = useState<SessionState['status']>(session ? 'authenticated' : 'unauthenticated');

  const learn = useCallback((next: AppSession | null) => {
    setData((prev) => (same(prev, next) ? prev : next));
    setStatus(next ? 'authenticated' : 'unauthenticated');
  }, []);

  useEffect(() => {
    let live = true;
    const readAgain = () => {
      readSession()
        .then((next) => {
          if (live) learn(next);
        })
        .catch(() => {
          // Offline or the server away: the session stands as it was.
        });
    };
    const unsubscribe = sessionChannel().subscribe(readAgain);
    const onPageShow = (e: PageTransitionEvent) => {
      if (e.persisted) readAgain();
    };
    window.addEventListener('pageshow', onPageShow);
    window.addEventListener('online', readAgain);
    return () => {
      live = false;
      unsubscribe();
      window.removeEventListener('pageshow', onPageShow);
      window.removeEventListener('online', readAgain);
    };
  }, [learn]);

  const update = useCallback(async () => {
    const next = await refreshSession();
    if (next) {
      learn(next);
      announceSessionChange();
    }
    return next;
  }, [learn]);

  const value = useMemo(() => ({ data, status, update }), [data, status, update]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useAppSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useAppSession is used outside SessionStateProvider');
  return state;
}
