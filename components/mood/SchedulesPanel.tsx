'use client';

import { Plus, Trash2 } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { ASSESSMENT_KINDS, ASSESSMENTS, type AssessmentKind } from '@/lib/shared/assessments';
import { CADENCES, isDue, type Cadence } from '@/lib/shared/checkins';
import { fromDateTimeInput, toDateTimeInput } from '@/lib/shared/local-time';
import type { Schedule, ScheduleCreateInput, SchedulePatchInput } from '@/lib/shared/schemas/mood';
import { LabelledControl } from '../forms/LabelledControl';
import { IconButton } from '../shell/IconButton';
import { MOOD_SCHEDULES_URL } from '@/lib/sync/resources/mood';
import { itemUrl } from '@/lib/sync/resources/resource';
import { ItemList } from '../shell/ItemList';
import { WaitingToSend } from '../shell/WaitingToSend';
import { useFormats } from '@/lib/sync/use-formats';
import { isPending, rowKey } from './useMood';

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
  const format = useFormats();
  const { timeZone } = format;
  const [kind, setKind] = useState<AssessmentKind>('mood-check');
  const [cadence, setCadence] = useState<Cadence>('weekly');
  const [firstDue, setFirstDue] = useState(() => toDateTimeInput(Date.now(), timeZone));
  const [error, setError] = useState<string | null>(null);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const nextDueAt = fromDateTimeInput(firstDue, timeZone);
    if (nextDueAt === null) return setError('Enter when it is first due');
    setError(null);
    onCreate({ kind, cadence, nextDueAt });
    setFirstDue(toDateTimeInput(Date.now(), timeZone));
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Schedule a check-in">
        <div className="grid gap-3 sm:grid-cols-2">
          <LabelledControl id={`${id}-kind`} label="Check-in">
            <select id={`${id}-kind`} className="input" value={kind} onChange={(e) => setKind(e.target.value as AssessmentKind)}>
              {ASSESSMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ASSESSMENTS[k].title}
                </option>
              ))}
            </select>
          </LabelledControl>
          <LabelledControl id={`${id}-cadence`} label="How often">
            <select id={`${id}-cadence`} className="input" value={cadence} onChange={(e) => setCadence(e.target.value as Cadence)}>
              {CADENCES.map((c) => (
                <option key={c} value={c}>
                  {CADENCE_LABEL[c]}
                </option>
              ))}
            </select>
          </LabelledControl>
        </div>
        <LabelledControl id={`${id}-first`} label="First due" error={error} announce>
          {(control) => <input {...control} type="datetime-local" className="input" value={firstDue} onChange={(e) => setFirstDue(e.target.value)} />}
        </LabelledControl>
        <button type="submit" className="btn-secondary">
          <Plus className="h-4 w-4" aria-hidden /> Add schedule
        </button>
      </form>
      <ItemList
        items={schedules}
        label="Your schedules"
        className="text-sm"
        emptyTestId="schedules-empty"
        empty="No check-ins scheduled. A regular check-in shows up here, and on Today, when it is due."
      >
        {(s) => {
          const title = ASSESSMENTS[s.kind].title;
          const lower = title.toLowerCase();
          return (
            <li key={rowKey(s.id)} className="flex flex-wrap items-center gap-2 py-2" data-testid="schedule">
              <span className="min-w-0 flex-1">
                <span className="font-medium">{title}</span> · {CADENCE_LABEL[s.cadence].toLowerCase()}
                <span className="block text-xs text-stone-500">
                  {!s.enabled ? 'Off' : isDue(s, now) ? 'Due now' : `Next due ${format.dateTime(s.nextDueAt)}`}
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
              <IconButton icon={Trash2} label={`Delete the ${s.cadence} ${lower} schedule`} danger disabled={isPending(s.id)} onClick={() => onDelete(s.id)} />
              <WaitingToSend url={itemUrl(MOOD_SCHEDULES_URL, s.id)} id={s.id} />
            </li>
          );
        }}
      </ItemList>
    </div>
  );
}
