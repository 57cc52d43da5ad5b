'use client';

import { Plus, Trash2 } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { ASSESSMENT_KINDS, ASSESSMENTS, type AssessmentKind } from '@/lib/shared/assessments';
import { CADENCES, isDue, type Cadence } from '@/lib/shared/checkins';
import { fromDateTimeInput, toDateTimeInput } from '@/lib/shared/local-time';
import type { Schedule, ScheduleCreateInput, SchedulePatchInput } from '@/lib/shared/schemas/mood';
import { formatDateTime } from './format';
import { isPending } from './useMood';

const CADENCE_LABEL: Record<Cadence, string> = { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly' };

/** Regular check-ins: which one, how often, first due when; each can be switched off or removed. */
export function SchedulesPanel({
  schedules,
  now,
  onCreate,
  onUpdate,
  onDelete,
}: {
  schedules: Schedule[];
  now: number;
  onCreate: (input: ScheduleCreateInput) => void;
  onUpdate: (id: string, patch: SchedulePatchInput) => void;
  onDelete: (id: string) => void;
}) {
  const id = useId();
  const [kind, setKind] = useState<AssessmentKind>('mood-check');
  const [cadence, setCadence] = useState<Cadence>('weekly');
  const [firstDue, setFirstDue] = useState(() => toDateTimeInput(Date.now()));
  const [error, setError] = useState<string | null>(null);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const nextDueAt = fromDateTimeInput(firstDue);
    if (nextDueAt === null) return setError('Enter when it is first due');
    setError(null);
    onCreate({ kind, cadence, nextDueAt });
    setFirstDue(toDateTimeInput(Date.now()));
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Schedule a check-in">
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor={`${id}-kind`} className="label">
              Check-in
            </label>
            <select id={`${id}-kind`} className="input" value={kind} onChange={(e) => setKind(e.target.value as AssessmentKind)}>
              {ASSESSMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ASSESSMENTS[k].title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-cadence`} className="label">
              How often
            </label>
            <select id={`${id}-cadence`} className="input" value={cadence} onChange={(e) => setCadence(e.target.value as Cadence)}>
              {CADENCES.map((c) => (
                <option key={c} value={c}>
                  {CADENCE_LABEL[c]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div>
          <label htmlFor={`${id}-first`} className="label">
            First due
          </label>
          <input
            id={`${id}-first`}
            type="datetime-local"
            className="input"
            value={firstDue}
            onChange={(e) => setFirstDue(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          {error ? (
            <p id={`${id}-error`} className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn-secondary">
          <Plus className="h-4 w-4" aria-hidden /> Add schedule
        </button>
      </form>
      {schedules.length === 0 ? (
        <p className="text-sm text-stone-500" data-testid="schedules-empty">
          No check-ins scheduled. A regular check-in shows up here, and on Today, when it is due.
        </p>
      ) : (
        <ul className="divide-y divide-stone-100 text-sm" aria-label="Your schedules">
          {schedules.map((s) => {
            const title = ASSESSMENTS[s.kind].title;
            return (
              <li key={s.id} className="flex flex-wrap items-center gap-2 py-2" data-testid="schedule">
                <span className="min-w-0 flex-1">
                  <span className="font-medium">{title}</span> · {CADENCE_LABEL[s.cadence].toLowerCase()}
                  <span className="block text-xs text-stone-500">
                    {!s.enabled ? 'Off' : isDue(s, now) ? 'Due now' : `Next due ${formatDateTime(s.nextDueAt)}`}
                  </span>
                </span>
                <label className="flex items-center gap-1.5 text-xs">
                  <input
                    type="checkbox"
                    className="h-4 w-4 accent-brand-600"
                    checked={s.enabled}
                    disabled={isPending(s.id)}
                    onChange={(e) => onUpdate(s.id, { enabled: e.target.checked })}
                    aria-label={`${title} ${s.cadence} schedule on`}
                  />
                  On
                </label>
                <button
                  type="button"
                  className="btn-ghost p-1.5 text-red-700"
                  disabled={isPending(s.id)}
                  onClick={() => onDelete(s.id)}
                  aria-label={`Delete the ${s.cadence} ${title.toLowerCase()} schedule`}
                >
                  <Trash2 className="h-4 w-4" />
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
