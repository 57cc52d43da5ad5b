'use client';

import Link from 'next/link';
import { timerDisplay } from '@/lib/shared/focus';
import { useTimer } from '../focus/useTimer';

/** A small live badge in the header while a focus session runs: the same clock as the bottom bar and /focus. */
export function FocusIndicator() {
  const { session, state } = useTimer();
  if (!session || !state) return null;
  const { clock, label } = timerDisplay(session, state);
  const running = session.status === 'running' && !state.finished;
  return (
    <Link
      href="/focus"
      data-testid="focus-indicator"
      className="flex items-center gap-1.5 rounded-full bg-brand-50 px-3 py-1 text-xs font-medium text-brand-700"
    >
      <span className={`h-2 w-2 rounded-full ${running ? 'bg-brand-500' : 'bg-stone-400'}`} aria-hidden />
      <span className={running ? 'sr-only' : undefined}>{label} ·</span>
      <span className="font-mono tabular-nums" data-testid="focus-indicator-clock">
        {clock}
      </span>
    </Link>
  );
}
