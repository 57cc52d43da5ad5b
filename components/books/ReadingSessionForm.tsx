'use client';

import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { readingSessionSchema, type Book, type ReadingSessionInput } from '@/lib/shared/schemas/books';

type Field = 'pages' | 'minutes' | 'day';
type FieldErrors = Partial<Record<Field | 'form', string>>;

function browserToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

interface ReadingSessionFormProps {
  book: Book;
  onSubmit: (session: ReadingSessionInput) => Promise<unknown>;
  onCancel: () => void;
}

/** Log pages and minutes read, today unless another day is picked. */
export function ReadingSessionForm({ book, onSubmit, onCancel }: ReadingSessionFormProps) {
  const id = useId();
  const [today] = useState(browserToday);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const left = book.totalPages - book.pagesRead;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const number = (name: string) => (String(form.get(name) ?? '').trim() === '' ? 0 : Number(form.get(name)));
    const day = String(form.get('day') ?? '');
    // Unchanged means "today" as the server sees it (the profile's time zone), not this browser's date.
    const parsed = readingSessionSchema.safeParse({ pages: number('pages'), minutes: number('minutes'), ...(day && day !== today ? { day } : {}) });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])));
      return;
    }
    setErrors({});
    setPending(true);
    try {
      await onSubmit(parsed.data);
    } catch (err) {
      setErrors({ form: err instanceof Error ? err.message : 'Could not log the session' });
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
    <form
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      className="mt-4 space-y-3 rounded-lg border border-stone-200 bg-stone-50 p-4"
      aria-label={`Log reading of ${book.title}`}
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-pages`} className="label">
            Pages read
          </label>
          <input
            id={`${id}-pages`}
            name="pages"
            type="number"
            inputMode="numeric"
            min={0}
            max={10_000}
            step={1}
            autoFocus
            className="input"
            placeholder={left > 0 ? `${left} left` : undefined}
            {...described('pages')}
          />
          {error('pages')}
        </div>
        <div>
          <label htmlFor={`${id}-minutes`} className="label">
            Minutes
          </label>
          <input
            id={`${id}-minutes`}
            name="minutes"
            type="number"
            inputMode="numeric"
            min={0}
            max={1440}
            step={1}
            className="input"
            {...described('minutes')}
          />
          {error('minutes')}
        </div>
        <div>
          <label htmlFor={`${id}-day`} className="label">
            Date
          </label>
          <input id={`${id}-day`} name="day" type="date" defaultValue={today} max={today} className="input" {...described('day')} />
          {error('day')}
        </div>
      </div>
      {errors.form ? (
        <p role="alert" className="text-sm text-red-600">
          {errors.form}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? 'Saving…' : 'Log session'}
        </button>
        <button type="button" className="btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
