'use client';

import { Trash2 } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { addLocalDays, fromDateInput, fromDateTimeInput, toDateInput, toDateTimeInput } from '@/lib/shared/local-time';
import type { PlannerEvent, PlannerEventCreate } from '@/lib/shared/schemas/planner';
import { useUserTimeZone } from '@/lib/sync/use-formats';
import { BRAND_COLOR, EVENT_COLORS } from '../forms/colors';
import { LabelledControl } from '../forms/LabelledControl';

/** What the form edits: an existing event (with id) or a new one. */
export type EventDraft = Pick<PlannerEvent, 'title' | 'startsAt' | 'endsAt' | 'allDay' | 'notes' | 'color'> & { id?: string };

interface Fields {
  title: string;
  allDay: boolean;
  /** `datetime-local` values, or `date` values (first and last day, inclusive) for all-day events. */
  start: string;
  end: string;
  notes: string;
  color: string | null;
}

type Errors = Partial<Record<'title' | 'start' | 'end', string>>;

/** The two time fields' labels, timed and all-day. */
const EDGE_LABELS = { start: ['Starts', 'First day'], end: ['Ends', 'Last day'] } as const;

function toFields(d: EventDraft, zone: string): Fields {
  return {
    title: d.title,
    allDay: d.allDay,
    start: d.allDay ? toDateInput(d.startsAt, zone) : toDateTimeInput(d.startsAt, zone),
    // All-day events end at the midnight after their last day; the form shows the last day.
    end: d.allDay ? toDateInput(Math.max(d.startsAt, d.endsAt - 1), zone) : toDateTimeInput(d.endsAt, zone),
    notes: d.notes ?? '',
    color: d.color,
  };
}

function toInput(f: Fields, zone: string): { input: PlannerEventCreate } | { errors: Errors } {
  const errors: Errors = {};
  const title = f.title.trim();
  if (!title) errors.title = 'Give the event a title';
  const startsAt = f.allDay ? fromDateInput(f.start, zone) : fromDateTimeInput(f.start, zone);
  const lastDay = f.allDay ? fromDateInput(f.end, zone) : null;
  const endsAt = f.allDay ? (lastDay === null ? null : addLocalDays(lastDay, 1, zone)) : fromDateTimeInput(f.end, zone);
  if (startsAt === null) errors.start = 'Enter when it starts';
  if (endsAt === null) errors.end = 'Enter when it ends';
  else if (startsAt !== null && endsAt <= startsAt) errors.end = f.allDay ? 'The last day cannot be before the first' : 'The end must be after the start';
  if (startsAt === null || endsAt === null || Object.keys(errors).length > 0) return { errors };
  return { input: { title, startsAt, endsAt, allDay: f.allDay, notes: f.notes.trim() || null, color: f.color } };
}

/** Switching all-day on keeps the days; switching it off gives the first day a 09:00–10:00 slot. */
function withAllDay(f: Fields, allDay: boolean): Fields {
  if (allDay === f.allDay) return f;
  return allDay ? { ...f, allDay, start: f.start.slice(0, 10), end: f.end.slice(0, 10) } : { ...f, allDay, start: `${f.start}T09:00`, end: `${f.start}T10:00` };
}

export function EventForm({
  draft,
  onSave,
  onDelete,
  onCancel,
}: {
  draft: EventDraft;
  onSave: (input: PlannerEventCreate) => void;
  onDelete?: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  // Times are typed on the profile's wall clock, the one every page shows (decision 054).
  const zone = useUserTimeZone();
  const [fields, setFields] = useState(() => toFields(draft, zone));
  const [errors, setErrors] = useState<Errors>({});
  const titleRef = useRef<HTMLInputElement>(null);
  const set = (patch: Partial<Fields>) => setFields((f) => ({ ...f, ...patch }));

  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const result = toInput(fields, zone);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    onSave(result.input);
  }

  const timeType = fields.allDay ? 'date' : 'datetime-local';

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label={draft.id ? 'Edit event' : 'Add event'}>
      <LabelledControl id={`${id}-title`} label="Title" error={errors.title} announce>
        {(control) => (
          <input {...control} ref={titleRef} className="input" value={fields.title} maxLength={200} onChange={(e) => set({ title: e.target.value })} />
        )}
      </LabelledControl>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={fields.allDay}
          onChange={(e) => setFields((f) => withAllDay(f, e.target.checked))}
          className="h-4 w-4 accent-brand-600"
        />
        All day
      </label>
      <div className="grid gap-3 sm:grid-cols-2">
        {(['start', 'end'] as const).map((edge) => (
          <LabelledControl key={edge} id={`${id}-${edge}`} label={EDGE_LABELS[edge][fields.allDay ? 1 : 0]} error={errors[edge]} announce>
            {(control) => <input {...control} type={timeType} className="input" value={fields[edge]} onChange={(e) => set({ [edge]: e.target.value })} />}
          </LabelledControl>
        ))}
      </div>
      <LabelledControl id={`${id}-notes`} label="Notes">
        <textarea id={`${id}-notes`} className="input min-h-20" value={fields.notes} maxLength={2000} onChange={(e) => set({ notes: e.target.value })} />
      </LabelledControl>
      <fieldset>
        <legend className="label">Colour</legend>
        <div className="flex flex-wrap gap-2">
          {EVENT_COLORS.map((c) => (
            <label key={c.name} className="cursor-pointer">
              <input type="radio" name={`${id}-color`} className="peer sr-only" checked={fields.color === c.value} onChange={() => set({ color: c.value })} />
              <span className="flex items-center gap-1.5 rounded-lg border border-stone-300 px-2 py-1 text-xs peer-checked:border-stone-900 peer-checked:ring-2 peer-checked:ring-stone-300 peer-focus-visible:outline-2 peer-focus-visible:outline-brand-500">
                <span className="h-3 w-3 rounded-full" style={{ backgroundColor: c.value ?? BRAND_COLOR }} aria-hidden />
                {c.name}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-2 pt-2">
        <button type="submit" className="btn-primary">
          {draft.id ? 'Save event' : 'Add event'}
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
        {onDelete ? (
          <button type="button" className="btn-ghost ml-auto text-red-700" onClick={onDelete}>
            <Trash2 className="h-4 w-4" aria-hidden /> Delete event
          </button>
        ) : null}
      </div>
    </form>
  );
}
