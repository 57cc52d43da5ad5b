'use client';

import { useRealtimeStatus } from '@/lib/sync/realtime';

const LABEL = {
  live: { text: 'Live', dot: 'bg-green-500', title: 'Changes from your other devices appear instantly.' },
  connecting: { text: 'Connecting', dot: 'bg-amber-400', title: 'Connecting for instant updates…' },
  reconnecting: { text: 'Reconnecting', dot: 'bg-amber-400', title: 'Reconnecting; pages still refresh on their own schedule.' },
  polling: { text: 'Polling only', dot: 'bg-stone-400', title: 'Instant updates are unavailable; pages refresh on their own schedule.' },
} as const;

/** live / reconnecting / polling only: is realtime making this browser instantly fresh? */
export function ConnectionIndicator() {
  const state = useRealtimeStatus();
  const { text, dot, title } = LABEL[state];
  return (
    <span
      className="flex items-center gap-1.5 text-xs text-stone-500"
      title={title}
      role="status"
      aria-label={`Sync: ${text}`}
      data-testid="connection-indicator"
      data-state={state}
    >
      <span className={`h-2 w-2 rounded-full ${dot}`} aria-hidden />
      {/* On narrow screens the dot alone shows the state; the label says it to screen readers. */}
      <span className="hidden md:inline">{text}</span>
    </span>
  );
}
