'use client';

import { useState, type FormEvent } from 'react';
import { habitCreateSchema, type Habit, type HabitCreateInput } from '@/lib/shared/schemas/habits';
import { Field, FormActions } from '../forms/Field';
import { formNumber, formText, useSchemaForm, type SchemaFormProps } from '../forms/useSchemaForm';
import { HABIT_COLORS } from './colors';

/** Create or edit a habit: a name, daily or N times a week, and an optional colour. */
export function HabitForm({ habit, onSubmit, onCancel }: SchemaFormProps<HabitCreateInput> & { habit?: Habit }) {
  const [cadence, setCadence] = useState<Habit['cadence']>(habit?.cadence ?? 'daily');
  const form = useSchemaForm(habitCreateSchema, onSubmit, { failure: 'Could not save the habit', onCancel });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    void form.submit({
      name: formText(data, 'name'),
      cadence,
      ...(cadence === 'weekly' ? { timesPerWeek: formNumber(data, 'timesPerWeek') } : {}),
      color: formText(data, 'color') || null,
    });
  }

  return (
    <form onSubmit={submit} onKeyDown={form.onKeyDown} noValidate className="card space-y-4" aria-label={habit ? `Edit ${habit.name}` : 'New habit'}>
      <h2 className="font-semibold">{habit ? 'Edit habit' : 'New habit'}</h2>
      <Field form={form} name="name" label="Name">
        <input
          {...form.field('name')}
          defaultValue={habit?.name}
          maxLength={100}
          required
          autoFocus
          className="input"
          placeholder="e.g. Stretch for 10 minutes"
        />
      </Field>
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
        <Field form={form} name="timesPerWeek" label="Times a week">
          <input
            {...form.field('timesPerWeek')}
            type="number"
            inputMode="numeric"
            min={1}
            max={7}
            step={1}
            defaultValue={habit?.cadence === 'weekly' ? habit.timesPerWeek : 3}
            className="input w-28"
          />
        </Field>
      ) : null}
      <Field form={form} name="color" label="Colour">
        <select {...form.field('color')} defaultValue={habit?.color ?? ''} className="input w-48">
          <option value="">Default</option>
          {habit?.color && !HABIT_COLORS.some((c) => c.value === habit.color) ? <option value={habit.color}>Custom ({habit.color})</option> : null}
          {HABIT_COLORS.map((c) => (
            <option key={c.value} value={c.value}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <FormActions form={form} submitLabel={habit ? 'Save habit' : 'Create habit'} onCancel={onCancel} />
    </form>
  );
}
