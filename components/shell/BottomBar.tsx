'use client';

import Link from 'next/link';
import dynamic from 'next/dynamic';
import { Timer } from 'lucide-react';
import { timerDisplay } from '@/lib/shared/focus';
import { useTabTitle } from '../focus/useTabTitle';
import { useTimer } from '../focus/useTimer';

// The timer's buttons load with the first session this page shows, not with every page (decision 065).
const TimerControls = dynamic(() => import('../focus/TimerControls').then((m) => m.TimerControls), { ssr: false });

/** The strip under every page: the focus timer and its controls, fed by FocusStateContext; it also keeps the tab title. */
export function BottomBar() {
  const { session, state } = useTimer();
  const display = session && state ? timerDisplay(session, state) : null;
  useTabTitle(display?.title ?? null);
  return (
    // Idle, it only offers to start focusing: phones have Focus in their navigation bar instead.
    <footer data-testid="bottom-bar" className={`border-t border-stone-200 bg-surface/95 backdrop-blur ${session ? '' : 'hidden md:block'}`}>
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-3 px-4 text-sm">
        {session && display ? (
          <>
            <Link href="/focus" className="flex min-w-0 items-center gap-3">
              <span
                data-testid="bottom-bar-dot"
                className={`h-2.5 w-2.5 shrink-0 rounded-full ${session.status === 'running' && state && !state.finished ? 'animate-pulse bg-brand-500' : 'bg-stone-400'}`}
                aria-hidden
              />
              <span className="font-mono text-base tabular-nums" data-testid="bottom-bar-clock">
                {display.clock}
              </span>
              <span className="truncate text-stone-600" data-testid="bottom-bar-status">
                {display.label}
                {session.taskTitle ? ` · ${session.taskTitle}` : ''}
              </span>
            </Link>
            <TimerControls compact />
          </>
        ) : (
          <>
            <span className="flex items-center gap-2 text-stone-600" data-testid="bottom-bar-status">
              <Timer className="h-4 w-4" aria-hidden /> No focus session running
            </span>
            <Link href="/focus" className="btn-secondary py-1.5">
              Start focusing
            </Link>
          </>
        )}
      </div>
    </footer>
  );
}
