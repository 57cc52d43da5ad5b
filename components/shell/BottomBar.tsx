'use client';

import Link from 'next/link';
import { Pause, Play, Square, Check, Timer } from 'lucide-react';
import { PHASE_LABEL, formatClock } from '@/lib/shared/focus';
import { useTimer } from '../focus/useTimer';

/** The strip under every page: the focus timer and its controls, fed by FocusStateContext. */
export function BottomBar() {
  const { session, state, pending, pause, resume, stop } = useTimer();
  return (
    // Idle, it only offers to start focusing: phones have Focus in their navigation bar instead.
    <footer data-testid="bottom-bar" className={`border-t border-stone-200 bg-surface/95 backdrop-blur ${session ? '' : 'hidden md:block'}`}>
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-3 px-4 text-sm">
        {session && state ? (
          <>
            <Link href="/focus" className="flex min-w-0 items-center gap-3">
              <span
                className={`h-2.5 w-2.5 shrink-0 rounded-full ${session.status === 'running' ? 'animate-pulse bg-brand-500' : 'bg-stone-400'}`}
                aria-hidden
              />
              <span className="font-mono text-base tabular-nums" data-testid="bottom-bar-clock">
                {formatClock(state.finished ? 0 : state.phaseRemainingMs)}
              </span>
              <span className="truncate text-stone-600" data-testid="bottom-bar-status">
                {state.finished ? "Time's up" : session.status === 'paused' ? 'Paused' : PHASE_LABEL[state.phase]}
                {session.taskTitle ? ` · ${session.taskTitle}` : ''}
              </span>
            </Link>
            <div className="flex shrink-0 items-center gap-1">
              {session.status === 'running' ? (
                <button type="button" className="btn-ghost px-2 py-1.5" onClick={pause} disabled={pending} aria-label="Pause focus session">
                  <Pause className="h-4 w-4" />
                </button>
              ) : (
                <button type="button" className="btn-ghost px-2 py-1.5" onClick={resume} disabled={pending} aria-label="Resume focus session">
                  <Play className="h-4 w-4" />
                </button>
              )}
              <button type="button" className="btn-ghost px-2 py-1.5" onClick={() => stop(true)} disabled={pending} aria-label="Complete focus session">
                <Check className="h-4 w-4" />
              </button>
              <button type="button" className="btn-ghost px-2 py-1.5" onClick={() => stop(false)} disabled={pending} aria-label="Abandon focus session">
                <Square className="h-4 w-4" />
              </button>
            </div>
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
