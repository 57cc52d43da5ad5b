'use client';

import { useEffect, useRef } from 'react';
import { useRealtimeStatus } from '@/lib/sync/realtime';
import { forgetEverything } from '@/lib/sync/session-store';
import { hardNavigate, sessionEndExpected } from './navigation';

/**
 * The server closes a session's event stream the moment it is signed out elsewhere ("Sign out" in
 * another browser's list, a password change, the account deleted). When this tab's stream drops,
 * it asks the server whether the session still stands (one GET /api/me per drop); on a 401 it leaves
 * for the sign-in page at once, rather than at the next focus, taking nothing of the user's along.
 * A network failure proves nothing (the stream drops offline too): it only ever acts on a 401.
 */
export function SessionWatch() {
  const state = useRealtimeStatus();
  const last = useRef(state);
  useEffect(() => {
    const was = last.current;
    last.current = state;
    if (was !== 'live' || state === 'live') return;
    let cancelled = false;
    fetch('/api/me', { credentials: 'same-origin', cache: 'no-store' })
      .then((res) => {
        if (cancelled || res.status !== 401 || sessionEndExpected()) return;
        forgetEverything(window.sessionStorage);
        hardNavigate('/login?reason=signed-out');
      })
      .catch(() => {
        // Offline or the server away: the stream's own reconnects and the focus check go on.
      });
    return () => {
      cancelled = true;
    };
  }, [state]);
  return null;
}
