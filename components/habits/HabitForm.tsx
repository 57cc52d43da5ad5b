'use client';

import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { habitCreateSchema, type Habit, type HabitCreateInput } from '@/lib/shared/schemas/habits';
import { HABIT_COLORS } from './colors';

type Field = 'name' | 'cadence' | 'timesPerWeek' | 'color';
type FieldErrors = Partial<Record<Field | 'form', string>>;

interface HabitFormProps {
  habit?: Habit;
  onSubmit: (input: HabitCreateInput) => Promise<unknown>;
  onCancel: () => void;
}

/** Create or edit a habit: a name, daily or N times a week, and an optional colour. */
export function HabitForm({ habit, onSubmit, onCancel }: HabitFormProps) {
  const id = useId();
  const [cadence, setCadence] = useState<Habit['cadence']>(habit?.cadence ?? 'daily');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const times = String(form.get('timesPerWeek') ?? '').trim();
    const parsed = habitCreateSchema.safeParse({
      name: String(form.get('name') ?? ''),
      cadence,
      ...(cadence === 'weekly' ? { timesPerWeek: times === '' ? Number.NaN : Number(times) } : {}),
      color: String(form.get('color') ?? '') || null,
    });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])));
      return;
    }
    setErrors({});
    setPending(true);
    try {
      await onSubmit(parsed.data);
    } catch (err) {
      setErrors({ form: err instanceof Error ? err.message : 'Could not save the habit' });
    } finally {
      setPending(false);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') onCancel();
  }

  const described = (name: Field) => (errors[name] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${name}-error` } : {});
  const error = (name: Field) =>
    errors[name] ? (
      <p id={`${id}-${name}-error`} className="field-error">
        {errors[name]}
      </p>
    ) : null;

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate className="card space-y-4" aria-label={habit ? `Edit ${habit.name}` : 'New habit'}>
      <h2 className="font-semibold">{habit ? 'Edit habit' : 'New habit'}</h2>
      <div>
        <label htmlFor={`${id}-name`} className="label">
          Name
        </label>
        <input
          id={`${id}-name`}
          name="name"
          defaultValue={habit?.name}
          maxLength={100}
          required
          autoFocus
          className="input"
          placeholder="e.g. Stretch for 10 minutes"
          {...described('name')}
        />
        {error('name')}
      </div>
      <fieldset>
        <legend className="label">How often</legend>
        <div className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="cadence" value="daily" checked={cadence === 'daily'} onChange={() => setCadence('daily')} /> Every day
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="cadence" value="weekly" checked={cadence === 'weekly'} onChange={() => setCadence('weekly')} /> Some days a week
          </label>
        </div>
      </fieldset>
      {cadence === 'weekly' ? (
        <div>
          <label htmlFor={`${id}-times`} className="label">
            Times a week
          </label>
          <input
            id={`${id}-times`}
            name="timesPerWeek"
            type="number"
            inputMode="numeric"
            min={1}
            max={7}
            step={1}
            defaultValue={habit?.cadence === 'weekly' ? habit.timesPerWeek : 3}
            className="input w-28"
            {...described('timesPerWeek')}
          />
          {error('timesPerWeek')}
        </div>
      ) : null}
      <div>
        <label htmlFor={`${id}-color`} className="label">
          Colour
        </label>
        <select id={`${id}-color`} name="color" defaultValue={habit?.color ?? ''} className="input w-48" {...described('color')}>
          <option value="">Default</option>
          {habit?.color && !HABIT_COLORS.some((c) => c.value === habit.color) ? <option value={habit.color}>Custom ({habit.color})</option> : null}
          {HABIT_COLORS.map((c) => (
            <option key={c.value} value={c.value}>
              {c.name}
            </option>
          ))}
        </select>
        {error('color')}
      </div>
      {errors.form ? (
        <p role="alert" className="text-sm text-red-600">
          {errors.form}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? 'Saving…' : habit ? 'Save habit' : 'Create habit'}
        </button>
        <button type="button" className="btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
