'use client';

import Link from 'next/link';
import { formatClock } from '@/lib/shared/focus';
import { useTimer } from '../focus/useTimer';

/** A small live badge in the header while a focus session runs; reads the shared focus state. */
export function FocusIndicator() {
  const { session, state } = useTimer();
  if (!session || !state) return null;
  return (
    <Link
      href="/focus"
      data-testid="focus-indicator"
      className="flex items-center gap-1.5 rounded-full bg-brand-50 px-3 py-1 text-xs font-medium text-brand-700"
    >
      <span className={`h-2 w-2 rounded-full ${session.status === 'running' ? 'bg-brand-500' : 'bg-stone-400'}`} aria-hidden />
      {session.status === 'paused' ? 'Paused' : formatClock(state.remainingMs)}
    </Link>
  );
}
