'use client';

import { Check, Pause, Play, SkipForward, Square } from 'lucide-react';
import { useState } from 'react';
import { FALSE_START_MS } from '@/lib/shared/focus';
import { useTimer } from './useTimer';

const EXTEND_MINUTES = 5;

/**
 * The timer's buttons, the same in the bottom bar (compact) and on /focus: Pause or Resume while it
 * runs, Skip break during a pomodoro break, and once time is up Complete, "+5 min" and Abandon.
 * Abandon asks first when more than a minute has run.
 */
export function TimerControls({ compact = false }: { compact?: boolean }) {
  const { session, state, pending, pause, resume, stop, extend, skipBreak } = useTimer();
  const [confirming, setConfirming] = useState(false);
  if (!session || !state) return null;

  const button = compact ? 'btn-ghost px-2 py-1.5' : 'btn-secondary';
  const icon = 'h-4 w-4';
  // Compact buttons keep their full names for assistive technology; their text shows from sm up.
  const text = (label: string) => (compact ? <span className="hidden sm:inline">{label}</span> : label);
  const name = (label: string) => (compact ? `${label} focus session` : undefined);

  if (confirming) {
    const minutes = Math.floor(state.focusMs / 60_000);
    return (
      <div className={`flex items-center gap-2 ${compact ? 'shrink-0' : 'flex-wrap justify-center'}`} role="group" aria-label="Confirm abandon">
        {/* The bottom bar on a phone has room for the two answers alone. */}
        <span className={`text-sm text-stone-700 ${compact ? 'hidden sm:inline' : 'basis-full'}`}>
          Abandon this session?
          {compact ? null : minutes > 0 ? ` Its ${minutes} min of focus won't count.` : " It won't count as focus time."}
        </span>
        <button
          type="button"
          className={compact ? 'btn-ghost px-2 py-1.5 text-red-700' : 'btn-secondary text-red-700'}
          disabled={pending}
          onClick={async () => {
            if (await stop(false)) setConfirming(false);
          }}
        >
          Abandon session
        </button>
        <button type="button" className={button} onClick={() => setConfirming(false)}>
          Keep going
        </button>
      </div>
    );
  }

  const onBreak = session.mode === 'pomodoro' && state.phase !== 'focus' && !state.finished;
  const abandon = () => (state.elapsedMs > FALSE_START_MS ? setConfirming(true) : void stop(false));
  const complete = (
    <button type="button" className={compact ? button : 'btn-primary'} onClick={() => stop(true)} disabled={pending} aria-label={name('Complete')}>
      <Check className={icon} aria-hidden /> {text('Complete')}
    </button>
  );

  return (
    <div className={`flex flex-wrap items-center gap-1 ${compact ? 'shrink-0' : 'justify-center gap-2'}`}>
      {state.finished ? (
        <>
          {complete}
          <button type="button" className={button} onClick={() => extend(EXTEND_MINUTES)} disabled={pending}>
            {`+${EXTEND_MINUTES} min`}
          </button>
        </>
      ) : (
        <>
          {session.status === 'running' ? (
            <button type="button" className={button} onClick={pause} disabled={pending} aria-label={name('Pause')}>
              <Pause className={icon} aria-hidden /> {text('Pause')}
            </button>
          ) : (
            <button type="button" className={button} onClick={resume} disabled={pending} aria-label={name('Resume')}>
              <Play className={icon} aria-hidden /> {text('Resume')}
            </button>
          )}
          {onBreak ? (
            <button type="button" className={button} onClick={skipBreak} disabled={pending} aria-label={compact ? 'Skip break' : undefined}>
              <SkipForward className={icon} aria-hidden /> {text('Skip break')}
            </button>
          ) : null}
          {complete}
        </>
      )}
      <button type="button" className={compact ? button : 'btn-ghost'} onClick={abandon} disabled={pending} aria-label={name('Abandon')}>
        <Square className={icon} aria-hidden /> {text('Abandon')}
      </button>
    </div>
  );
}
