'use client';

import { useState } from 'react';
import { habitCreateSchema, type Habit, type HabitCreateInput } from '@/lib/shared/schemas/habits';
import { HABIT_COLORS } from '../forms/colors';
import { Field, FormCard, formWords, NameField, WHOLE_NUMBER } from '../forms/Field';
import { formNumber, formText, useSchemaForm, type SchemaFormProps } from '../forms/useSchemaForm';

const CADENCES: { value: Habit['cadence']; label: string }[] = [
  { value: 'daily', label: 'Every day' },
  { value: 'weekly', label: 'Some days a week' },
];

/** Create or edit a habit: a name, daily or N times a week, and an optional colour. */
export function HabitForm({ habit, onSubmit, onCancel }: SchemaFormProps<HabitCreateInput> & { habit?: Habit }) {
  const [cadence, setCadence] = useState<Habit['cadence']>(habit?.cadence ?? 'daily');
  const form = useSchemaForm(habitCreateSchema, onSubmit, { failure: 'Could not save the habit', onCancel });
  const customColor = habit?.color && !HABIT_COLORS.some((c) => c.value === habit.color) ? habit.color : null;

  function submit(data: FormData) {
    void form.submit({
      name: formText(data, 'name'),
      cadence,
      ...(cadence === 'weekly' ? { timesPerWeek: formNumber(data, 'timesPerWeek') } : {}),
      color: formText(data, 'color') || null,
    });
  }

  const words = formWords({ noun: 'habit', editing: habit?.name, create: ['New habit', 'Create habit'] });
  return (
    <FormCard form={form} words={words} onSubmit={submit} onCancel={onCancel}>
      <NameField form={form} name="name" label="Name" defaultValue={habit?.name} maxLength={100} placeholder="e.g. Stretch for 10 minutes" />
      <fieldset>
        <legend className="label">How often</legend>
        <div className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm">
          {CADENCES.map((c) => (
            <label key={c.value} className="flex items-center gap-2">
              <input type="radio" name="cadence" value={c.value} checked={cadence === c.value} onChange={() => setCadence(c.value)} /> {c.label}
            </label>
          ))}
        </div>
      </fieldset>
      {cadence === 'weekly' ? (
        <Field form={form} name="timesPerWeek" label="Times a week">
          <input
            {...form.field('timesPerWeek')}
            {...WHOLE_NUMBER}
            min={1}
            max={7}
            defaultValue={habit?.cadence === 'weekly' ? habit.timesPerWeek : 3}
            className="input w-28"
          />
        </Field>
      ) : null}
      <Field form={form} name="color" label="Colour">
        <select {...form.field('color')} defaultValue={habit?.color ?? ''} className="input w-48">
          <option value="">Default</option>
          {customColor ? <option value={customColor}>Custom ({customColor})</option> : null}
          {HABIT_COLORS.map((c) => (
            <option key={c.value} value={c.value}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
    </FormCard>
  );
}
