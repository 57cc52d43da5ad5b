'use client';

import { Play } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { FocusMode } from '@/lib/shared/focus';
import { primeChime } from '@/lib/sync/focus/chime';
import { askForNotifications } from '@/lib/sync/focus/notifications';
import { graceMinutesOf, useFocusSettings } from '@/lib/sync/focus/settings';
import { useSyncEnv } from '@/lib/sync/provider';
import { LabelledControl } from '../forms/LabelledControl';
import { SegmentedChoice } from '../shell/SegmentedChoice';
import { localStorageOrNull } from './local-storage';
import { NotificationHint } from './NotificationHint';
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
    <LabelledControl id={id} label={label}>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        value={value}
        className="input"
        onChange={(e) => onChange(Math.min(max, Math.max(min, Number(e.target.value) || min)))}
      />
    </LabelledControl>
  );
}

/** The pomodoro's own lengths, in minutes, each with its bounds. */
const POMODORO_FIELDS = [
  { key: 'focusMinutes', id: 'focus-minutes', label: 'Focus', max: 180 },
  { key: 'shortBreakMinutes', id: 'short-break', label: 'Short break', max: 60 },
  { key: 'longBreakMinutes', id: 'long-break', label: 'Long break', max: 120 },
] as const;

const MODES: { value: FocusMode; label: string }[] = [
  { value: 'pomodoro', label: 'Pomodoro' },
  { value: 'focus', label: 'Single focus' },
];

export function StartForm() {
  const { userId } = useSyncEnv();
  const { start, pending } = useTimer();
  const [settings, saveSettings] = useFocusSettings(userId);
  const [taskTitle, setTaskTitle] = useState('');

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    // In the click itself: browsers allow sound and a permission prompt only in a user gesture.
    primeChime();
    void askForNotifications(localStorageOrNull());
    const ok = await start({
      taskTitle: taskTitle.trim() || null,
      mode: settings.mode,
      plannedMinutes: settings.plannedMinutes,
      graceMinutes: graceMinutesOf(settings),
      ...(settings.mode === 'pomodoro' ? { pomodoro: settings.pomodoro } : {}),
    });
    if (ok) setTaskTitle('');
  }

  const setMode = (mode: FocusMode) => saveSettings({ ...settings, mode });
  return (
    <form onSubmit={onSubmit} className="card space-y-5" aria-label="Start a focus session">
      <LabelledControl id="task-title" label="What will you work on?">
        <input
          id="task-title"
          value={taskTitle}
          onChange={(e) => setTaskTitle(e.target.value)}
          maxLength={200}
          placeholder="e.g. Write the project outline"
          className="input"
        />
      </LabelledControl>
      <fieldset>
        <legend className="label">Mode</legend>
        <SegmentedChoice options={MODES} value={settings.mode} onChange={setMode} />
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
        {settings.mode === 'pomodoro'
          ? POMODORO_FIELDS.map(({ key, id, label, max }) => (
              <NumberField
                key={key}
                id={id}
                label={label}
                value={settings.pomodoro[key]}
                min={1}
                max={max}
                onChange={(v) => saveSettings({ ...settings, pomodoro: { ...settings.pomodoro, [key]: v } })}
              />
            ))
          : null}
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-stone-600">When time is up</summary>
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={!settings.muted} onChange={(e) => saveSettings({ ...settings, muted: !e.target.checked })} />
            Play a chime
          </label>
          <NumberField
            id="grace-minutes"
            label="Complete a forgotten session after (min)"
            value={graceMinutesOf(settings)}
            min={1}
            max={240}
            onChange={(v) => saveSettings({ ...settings, graceMinutes: v })}
          />
        </div>
      </details>
      <div className="space-y-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          <Play className="h-4 w-4" aria-hidden /> Start focus session
        </button>
        <NotificationHint />
      </div>
    </form>
  );
}
