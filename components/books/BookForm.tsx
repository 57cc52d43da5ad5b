'use client';

import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { bookCreateSchema, type Book, type BookCreateInput } from '@/lib/shared/schemas/books';

type Field = 'title' | 'author' | 'totalPages';
type FieldErrors = Partial<Record<Field | 'form', string>>;

interface BookFormProps {
  book?: Book;
  onSubmit: (input: BookCreateInput) => Promise<unknown>;
  onCancel: () => void;
}

/** Add or edit a book: title, author and page count. */
export function BookForm({ book, onSubmit, onCancel }: BookFormProps) {
  const id = useId();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const pages = String(form.get('totalPages') ?? '').trim();
    const parsed = bookCreateSchema.safeParse({
      title: String(form.get('title') ?? ''),
      author: String(form.get('author') ?? ''),
      totalPages: pages === '' ? Number.NaN : Number(pages),
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
      setErrors({ form: err instanceof Error ? err.message : 'Could not save the book' });
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
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate className="card space-y-4" aria-label={book ? `Edit ${book.title}` : 'Add a book'}>
      <h2 className="font-semibold">{book ? 'Edit book' : 'Add a book'}</h2>
      <div className="grid gap-3 sm:grid-cols-[2fr_2fr_1fr]">
        <div>
          <label htmlFor={`${id}-title`} className="label">
            Title
          </label>
          <input id={`${id}-title`} name="title" defaultValue={book?.title} maxLength={200} required autoFocus className="input" {...described('title')} />
          {error('title')}
        </div>
        <div>
          <label htmlFor={`${id}-author`} className="label">
            Author <span className="font-normal text-stone-500">(optional)</span>
          </label>
          <input id={`${id}-author`} name="author" defaultValue={book?.author ?? ''} maxLength={200} className="input" {...described('author')} />
          {error('author')}
        </div>
        <div>
          <label htmlFor={`${id}-pages`} className="label">
            Pages
          </label>
          <input
            id={`${id}-pages`}
            name="totalPages"
            type="number"
            inputMode="numeric"
            min={1}
            max={100_000}
            step={1}
            defaultValue={book?.totalPages}
            required
            className="input"
            {...described('totalPages')}
          />
          {error('totalPages')}
        </div>
      </div>
      {errors.form ? (
        <p role="alert" className="text-sm text-red-600">
          {errors.form}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? 'Saving…' : book ? 'Save book' : 'Add book'}
        </button>
        <button type="button" className="btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
