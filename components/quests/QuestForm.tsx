'use client';

import { questCreateSchema, type Quest, type QuestCreateInput } from '@/lib/shared/schemas/quests';
import { Field, FormCard, formWords, NameField, WHOLE_NUMBER } from '../forms/Field';
import { formNumber, formText, useSchemaForm, type SchemaFormProps } from '../forms/useSchemaForm';
import { useUserTimeZone } from '@/lib/sync/use-formats';
import { dateInputFromDeadline, deadlineFromDateInput } from './deadline';

/** Create or edit a quest; checked with the API's own schema before it is sent. */
export function QuestForm({ quest, onSubmit, onCancel }: SchemaFormProps<QuestCreateInput> & { quest?: Quest }) {
  const form = useSchemaForm(questCreateSchema, onSubmit, { failure: 'Could not save the quest', onCancel });
  const timeZone = useUserTimeZone();

  function submit(data: FormData) {
    void form.submit({
      title: formText(data, 'title'),
      description: formText(data, 'description'),
      target: formNumber(data, 'target'),
      xpReward: formNumber(data, 'xpReward'),
      deadline: deadlineFromDateInput(formText(data, 'deadline'), timeZone),
    });
  }

  const words = formWords({ noun: 'quest', editing: quest?.title, create: ['New quest', 'Create quest'] });
  return (
    <FormCard form={form} words={words} onSubmit={submit} onCancel={onCancel}>
      <NameField form={form} name="title" label="Title" defaultValue={quest?.title} maxLength={200} placeholder="e.g. Run 100 km this spring" />
      <Field form={form} name="description" label="Description" optional>
        <textarea {...form.field('description')} defaultValue={quest?.description ?? ''} maxLength={2000} rows={2} className="input" />
      </Field>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field form={form} name="target" label="Target">
          <input {...form.field('target')} {...WHOLE_NUMBER} required min={1} max={1_000_000} defaultValue={quest?.target ?? 10} />
        </Field>
        <Field form={form} name="xpReward" label="XP reward">
          <input {...form.field('xpReward')} {...WHOLE_NUMBER} required min={0} max={10_000} defaultValue={quest?.xpReward ?? 50} />
        </Field>
        <Field form={form} name="deadline" label="Deadline" optional>
          <input {...form.field('deadline')} type="date" defaultValue={dateInputFromDeadline(quest?.deadline ?? null, timeZone)} className="input" />
        </Field>
      </div>
    </FormCard>
  );
}
