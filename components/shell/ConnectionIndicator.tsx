'use client';

import { useSyncExternalStore } from 'react';
import { useRealtimeStatus } from '@/lib/sync/realtime';
import type { RealtimeState } from '@/lib/sync/sse-client';

/** What the header can truthfully say: `live` needs both the browser online and the event stream open. */
export type ConnectionState = 'live' | 'reconnecting' | 'offline';

export function connectionState(realtime: RealtimeState, online: boolean): ConnectionState {
  if (!online) return 'offline';
  return realtime === 'live' ? 'live' : 'reconnecting';
}

/**
 * What a page keeps while offline. Every page keeps its changes (the outbox, and the tasks op log) and
 * sends them later; the focus timer keeps start, pause and stop with the moment they were made
 * (decision 052), while adding time, skipping a break and moving the timer need the network.
 */
function offlineText(pathname: string): string {
  if (pathname === '/focus' || pathname.startsWith('/focus/'))
    return 'Offline — start, pause and stop are kept on this device; adding time and moving the timer need the network';
  return 'Offline — changes are kept on this device';
}

/** The state's label and what the user can still do on this page, in one short sentence. */
export function connectionText(state: ConnectionState, pathname: string): { label: string; description: string } {
  switch (state) {
    case 'live':
      return { label: 'Live', description: 'Live — changes from your other devices appear instantly' };
    case 'reconnecting':
      return { label: 'Reconnecting', description: 'Reconnecting — pages still refresh on their own schedule' };
    case 'offline':
      return {
        label: 'Offline',
        description: offlineText(pathname),
      };
  }
}

function subscribeOnline(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** navigator.onLine, kept current by the `online`/`offline` events; the server render assumes online. */
export function useBrowserOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine !== false,
    () => true,
  );
}

const DOT: Record<ConnectionState, string> = { live: 'bg-green-500', reconnecting: 'bg-amber-400', offline: 'bg-stone-400' };

/** Live / Reconnecting / Offline: is this browser being kept instantly fresh, and what works if not? */
export function ConnectionIndicator({ pathname }: { pathname: string }) {
  const state = connectionState(useRealtimeStatus(), useBrowserOnline());
  const { label, description } = connectionText(state, pathname);
  return (
    <span
      className="flex items-center gap-1.5 text-xs text-stone-600"
      title={description}
      role="status"
      aria-label={`Sync: ${description}`}
      data-testid="connection-indicator"
      data-state={state}
    >
      <span className={`h-2 w-2 rounded-full ${DOT[state]}`} aria-hidden />
      {/* The whole sentence is what a screen reader announces; the short label is for the eye, on wider screens. */}
      <span className="sr-only">{description}</span>
      <span className="hidden md:inline" aria-hidden data-testid="connection-label">
        {label}
      </span>
    </span>
  );
}
