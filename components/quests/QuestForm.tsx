'use client';

import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { questCreateSchema, type Quest, type QuestCreateInput } from '@/lib/shared/schemas/quests';
import { dateInputFromDeadline, deadlineFromDateInput } from './deadline';

type Field = 'title' | 'description' | 'target' | 'xpReward' | 'deadline';
type FieldErrors = Partial<Record<Field | 'form', string>>;

interface QuestFormProps {
  /** The quest being edited; a new quest when absent. */
  quest?: Quest;
  onSubmit: (input: QuestCreateInput) => Promise<unknown>;
  onCancel: () => void;
}

/** Create or edit a quest; checked with the API's own schema before it is sent. */
export function QuestForm({ quest, onSubmit, onCancel }: QuestFormProps) {
  const id = useId();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const number = (name: string) => (String(form.get(name) ?? '').trim() === '' ? Number.NaN : Number(form.get(name)));
    const parsed = questCreateSchema.safeParse({
      title: String(form.get('title') ?? ''),
      description: String(form.get('description') ?? ''),
      target: number('target'),
      xpReward: number('xpReward'),
      deadline: deadlineFromDateInput(String(form.get('deadline') ?? '')),
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
      setErrors({ form: err instanceof Error ? err.message : 'Could not save the quest' });
    } finally {
      setPending(false);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') onCancel();
  }

  const field = (name: Field) => ({
    id: `${id}-${name}`,
    name,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${id}-${name}-error` : undefined,
  });
  const error = (name: Field) =>
    errors[name] ? (
      <p id={`${id}-${name}-error`} className="field-error">
        {errors[name]}
      </p>
    ) : null;

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate className="card space-y-4" aria-label={quest ? `Edit ${quest.title}` : 'New quest'}>
      <h2 className="font-semibold">{quest ? 'Edit quest' : 'New quest'}</h2>
      <div>
        <label htmlFor={`${id}-title`} className="label">
          Title
        </label>
        <input {...field('title')} defaultValue={quest?.title} maxLength={200} required autoFocus className="input" placeholder="e.g. Run 100 km this spring" />
        {error('title')}
      </div>
      <div>
        <label htmlFor={`${id}-description`} className="label">
          Description <span className="font-normal text-stone-500">(optional)</span>
        </label>
        <textarea {...field('description')} defaultValue={quest?.description ?? ''} maxLength={2000} rows={2} className="input" />
        {error('description')}
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-target`} className="label">
            Target
          </label>
          <input
            {...field('target')}
            type="number"
            inputMode="numeric"
            min={1}
            max={1_000_000}
            step={1}
            defaultValue={quest?.target ?? 10}
            required
            className="input"
          />
          {error('target')}
        </div>
        <div>
          <label htmlFor={`${id}-xpReward`} className="label">
            XP reward
          </label>
          <input
            {...field('xpReward')}
            type="number"
            inputMode="numeric"
            min={0}
            max={10_000}
            step={1}
            defaultValue={quest?.xpReward ?? 50}
            required
            className="input"
          />
          {error('xpReward')}
        </div>
        <div>
          <label htmlFor={`${id}-deadline`} className="label">
            Deadline <span className="font-normal text-stone-500">(optional)</span>
          </label>
          <input {...field('deadline')} type="date" defaultValue={dateInputFromDeadline(quest?.deadline ?? null)} className="input" />
          {error('deadline')}
        </div>
      </div>
      {errors.form ? (
        <p role="alert" className="text-sm text-red-600">
          {errors.form}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? 'Saving…' : quest ? 'Save quest' : 'Create quest'}
        </button>
        <button type="button" className="btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
