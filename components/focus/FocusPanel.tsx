'use client';

import { completesItselfAt, timerDisplay } from '@/lib/shared/focus';
import { useFormats } from '@/lib/sync/use-formats';
import { WaitingToSend } from '../shell/WaitingToSend';
import { MoveTimer } from './MoveTimer';
import { StartForm } from './StartForm';
import { TimerControls } from './TimerControls';
import { useTimer } from './useTimer';

/** A moment on the server's clock, on this browser's. */
const onThisClock = (serverMs: number, serverNow: number) => serverMs - serverNow + Date.now();

function RunningTimer() {
  const { session, state, serverNow } = useTimer();
  const format = useFormats();
  if (!session || !state) return null;
  const display = timerDisplay(session, state);
  const progress = 1 - state.remainingMs / (session.plannedMinutes * 60_000);
  const completesAt = state.finished ? completesItselfAt(session) : null;
  return (
    <section className="card text-center" aria-label="Focus session">
      <p className="text-sm font-medium uppercase tracking-wide text-brand-700" data-testid="focus-phase">
        {display.label}
        {session.mode === 'pomodoro' && !state.finished ? ` · round ${state.cycle + (state.phase === 'focus' ? 1 : 0)}` : ''}
      </p>
      <p className="mt-2 font-mono text-6xl font-semibold tabular-nums" data-testid="focus-clock">
        {display.clock}
      </p>
      {session.taskTitle ? (
        <p className="mt-2 text-stone-700" data-testid="focus-task">
          {session.taskTitle}
        </p>
      ) : null}
      <div className="mx-auto mt-4 h-2 max-w-sm overflow-hidden rounded-full bg-stone-100" aria-hidden>
        <div className="h-full bg-brand-500 transition-[width]" style={{ width: `${Math.round(progress * 100)}%` }} />
      </div>
      <WaitingToSend url="/api/focus" />
      <p className="mt-2 text-xs text-stone-500">
        {completesAt !== null
          ? `Completes itself at ${format.time(onThisClock(completesAt, serverNow()))} if you forget it.`
          : `${session.plannedMinutes} min planned`}
      </p>
      <div className="mt-6">
        <TimerControls />
      </div>
      <MoveTimer />
    </section>
  );
}

export function FocusPanel() {
  const { session, isLoading, isError } = useTimer();
  if (isLoading) return <div className="card h-48 animate-pulse" aria-busy="true" />;
  if (isError)
    return (
      <div className="card text-sm text-red-700" role="alert">
        Could not load your focus session. It will retry shortly.
      </div>
    );
  return session ? <RunningTimer /> : <StartForm />;
}
