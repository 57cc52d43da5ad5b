'use client';

import { Check, Pause, Play, Square } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { PHASE_LABEL, formatClock, type FocusMode } from '@/lib/shared/focus';
import { useSyncEnv } from '@/lib/sync/provider';
import { useFocusSettings } from '@/lib/sync/focus/settings';
import { MoveTimer } from './MoveTimer';
import { useTimer } from './useTimer';

function NumberField({
  id,
  label,
  value,
  min,
  max,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (v: number) => void;
}) {
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        value={value}
        className="input"
        onChange={(e) => onChange(Math.min(max, Math.max(min, Number(e.target.value) || min)))}
      />
    </div>
  );
}

function StartForm() {
  const { userId } = useSyncEnv();
  const { start, pending } = useTimer();
  const [settings, saveSettings] = useFocusSettings(userId);
  const [taskTitle, setTaskTitle] = useState('');

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = await start({
      taskTitle: taskTitle.trim() || null,
      mode: settings.mode,
      plannedMinutes: settings.plannedMinutes,
      ...(settings.mode === 'pomodoro' ? { pomodoro: settings.pomodoro } : {}),
    });
    if (ok) setTaskTitle('');
  }

  const setMode = (mode: FocusMode) => saveSettings({ ...settings, mode });
  return (
    <form onSubmit={onSubmit} className="card space-y-5" aria-label="Start a focus session">
      <div>
        <label htmlFor="task-title" className="label">
          What will you work on?
        </label>
        <input
          id="task-title"
          value={taskTitle}
          onChange={(e) => setTaskTitle(e.target.value)}
          maxLength={200}
          placeholder="e.g. Write the project outline"
          className="input"
        />
      </div>
      <fieldset>
        <legend className="label">Mode</legend>
        <div className="inline-flex rounded-lg border border-stone-300 p-0.5" role="radiogroup">
          {(['pomodoro', 'focus'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={settings.mode === m}
              onClick={() => setMode(m)}
              className="rounded-md px-3 py-1.5 text-sm aria-checked:bg-brand-600 aria-checked:text-white"
            >
              {m === 'pomodoro' ? 'Pomodoro' : 'Single focus'}
            </button>
          ))}
        </div>
      </fieldset>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <NumberField
          id="planned-minutes"
          label="Total minutes"
          value={settings.plannedMinutes}
          min={1}
          max={600}
          onChange={(v) => saveSettings({ ...settings, plannedMinutes: v })}
        />
        {settings.mode === 'pomodoro' ? (
          <>
            <NumberField
              id="focus-minutes"
              label="Focus"
              value={settings.pomodoro.focusMinutes}
              min={1}
              max={180}
              onChange={(v) => saveSettings({ ...settings, pomodoro: { ...settings.pomodoro, focusMinutes: v } })}
            />
            <NumberField
              id="short-break"
              label="Short break"
              value={settings.pomodoro.shortBreakMinutes}
              min={1}
              max={60}
              onChange={(v) => saveSettings({ ...settings, pomodoro: { ...settings.pomodoro, shortBreakMinutes: v } })}
            />
            <NumberField
              id="long-break"
              label="Long break"
              value={settings.pomodoro.longBreakMinutes}
              min={1}
              max={120}
              onChange={(v) => saveSettings({ ...settings, pomodoro: { ...settings.pomodoro, longBreakMinutes: v } })}
            />
          </>
        ) : null}
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        <Play className="h-4 w-4" aria-hidden /> Start focus session
      </button>
    </form>
  );
}

function RunningTimer() {
  const { session, state, pending, pause, resume, stop } = useTimer();
  if (!session || !state) return null;
  const progress = 1 - state.remainingMs / (session.plannedMinutes * 60_000);
  return (
    <section className="card text-center" aria-label="Focus session">
      <p className="text-sm font-medium uppercase tracking-wide text-brand-700" data-testid="focus-phase">
        {state.finished ? "Time's up" : session.status === 'paused' ? 'Paused' : PHASE_LABEL[state.phase]}
        {session.mode === 'pomodoro' && !state.finished ? ` · round ${state.cycle + (state.phase === 'focus' ? 1 : 0)}` : ''}
      </p>
      <p className="mt-2 font-mono text-6xl font-semibold tabular-nums" data-testid="focus-clock">
        {formatClock(state.finished ? 0 : state.phaseRemainingMs)}
      </p>
      {session.taskTitle ? (
        <p className="mt-2 text-stone-700" data-testid="focus-task">
          {session.taskTitle}
        </p>
      ) : null}
      <div className="mx-auto mt-4 h-2 max-w-sm overflow-hidden rounded-full bg-stone-100" aria-hidden>
        <div className="h-full bg-brand-500 transition-[width]" style={{ width: `${Math.round(progress * 100)}%` }} />
      </div>
      <p className="mt-2 text-xs text-stone-500">
        {formatClock(state.remainingMs)} left of {session.plannedMinutes} min
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        {session.status === 'running' ? (
          <button type="button" className="btn-secondary" onClick={pause} disabled={pending}>
            <Pause className="h-4 w-4" aria-hidden /> Pause
          </button>
        ) : (
          <button type="button" className="btn-secondary" onClick={resume} disabled={pending}>
            <Play className="h-4 w-4" aria-hidden /> Resume
          </button>
        )}
        <button type="button" className="btn-primary" onClick={() => stop(true)} disabled={pending}>
          <Check className="h-4 w-4" aria-hidden /> Complete
        </button>
        <button type="button" className="btn-ghost" onClick={() => stop(false)} disabled={pending}>
          <Square className="h-4 w-4" aria-hidden /> Abandon
        </button>
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
