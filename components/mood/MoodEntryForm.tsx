'use client';

import { useId, useState, type FormEvent } from 'react';
import { fromDateTimeInput, toDateTimeInput } from '@/lib/shared/local-time';
import { useUserTimeZone } from '@/lib/sync/use-formats';
import type { Activity, MoodEntry, MoodEntryCreateInput } from '@/lib/shared/schemas/mood';
import { LabelledControl } from '../forms/LabelledControl';
import { ChoiceChip } from './ChoiceChip';
import { rowKey } from './useMood';

const SCORES = Array.from({ length: 10 }, (_, i) => i + 1);

type Errors = Partial<Record<'score' | 'when', string>>;

/** Logs a new mood or edits one: score 1–10, the activities it came with, notes and when it was felt. */
export function MoodEntryForm({
  activities,
  entry,
  onSave,
  onCancel,
}: {
  activities: Activity[];
  entry?: MoodEntry;
  onSave: (input: Required<MoodEntryCreateInput>) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const timeZone = useUserTimeZone();
  const known = new Set(activities.map((a) => a.id));
  const [score, setScore] = useState<number | null>(entry?.score ?? null);
  // Activities deleted since the entry was logged are not offered (nor sent back).
  const [chosen, setChosen] = useState<string[]>(() => (entry?.activityIds ?? []).filter((a) => known.has(a)));
  const [notes, setNotes] = useState(entry?.notes ?? '');
  const [when, setWhen] = useState(() => toDateTimeInput(entry?.recordedAt ?? Date.now(), timeZone));
  const [errors, setErrors] = useState<Errors>({});

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const recordedAt = fromDateTimeInput(when, timeZone);
    const next: Errors = {};
    if (score === null) next.score = 'Choose how you feel, from 1 to 10';
    if (recordedAt === null) next.when = 'Enter when you felt this';
    setErrors(next);
    if (score === null || recordedAt === null) return;
    onSave({ score, activityIds: chosen.filter((a) => known.has(a)), notes: notes.trim() || null, recordedAt });
    if (!entry) {
      setScore(null);
      setChosen([]);
      setNotes('');
      setWhen(toDateTimeInput(Date.now(), timeZone));
    }
  }

  const toggle = (activityId: string, on: boolean) => setChosen((c) => (on ? [...c, activityId] : c.filter((x) => x !== activityId)));

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label={entry ? 'Edit mood entry' : 'Log your mood'}>
      <fieldset aria-describedby={errors.score ? `${id}-score-error` : undefined}>
        <legend className="label">
          Mood <span className="font-normal text-stone-500">(1 very low – 10 great)</span>
        </legend>
        <div className="flex flex-wrap gap-1.5" role="radiogroup">
          {SCORES.map((n) => (
            <ChoiceChip key={n} type="radio" name={`${id}-score`} label={String(n)} checked={score === n} onChange={() => setScore(n)} />
          ))}
        </div>
        {errors.score ? (
          <p id={`${id}-score-error`} className="field-error" role="alert">
            {errors.score}
          </p>
        ) : null}
      </fieldset>
      <fieldset>
        <legend className="label">Activities</legend>
        {activities.length === 0 ? (
          <p className="text-sm text-stone-500">Add activities in the Activities card to tag your moods with them.</p>
        ) : (
          <div className="flex flex-wrap gap-1.5">
            {activities.map((a) => (
              <ChoiceChip key={rowKey(a.id)} type="checkbox" label={a.label} checked={chosen.includes(a.id)} onChange={(on) => toggle(a.id, on)}>
                {a.color ? <span className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: a.color }} aria-hidden /> : null}
                {a.label}
              </ChoiceChip>
            ))}
          </div>
        )}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <LabelledControl id={`${id}-when`} label="When" error={errors.when} announce>
          {(control) => <input {...control} type="datetime-local" className="input" value={when} onChange={(e) => setWhen(e.target.value)} />}
        </LabelledControl>
        <LabelledControl id={`${id}-notes`} label="Notes">
          <input id={`${id}-notes`} className="input" value={notes} maxLength={2000} onChange={(e) => setNotes(e.target.value)} placeholder="What happened?" />
        </LabelledControl>
      </div>
      <div className="flex gap-2">
        <button type="submit" className="btn-primary">
          {entry ? 'Save entry' : 'Log mood'}
        </button>
        {onCancel ? (
          <button type="button" className="btn-secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
