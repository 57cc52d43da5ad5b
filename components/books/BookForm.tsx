'use client';

import type { FormEvent } from 'react';
import { bookCreateSchema, type Book, type BookCreateInput } from '@/lib/shared/schemas/books';
import { Field, FormActions } from '../forms/Field';
import { formNumber, formText, useSchemaForm, type SchemaFormProps } from '../forms/useSchemaForm';

/** Add or edit a book: title, author and page count. */
export function BookForm({ book, onSubmit, onCancel }: SchemaFormProps<BookCreateInput> & { book?: Book }) {
  const form = useSchemaForm(bookCreateSchema, onSubmit, { failure: 'Could not save the book', onCancel });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    void form.submit({ title: formText(data, 'title'), author: formText(data, 'author'), totalPages: formNumber(data, 'totalPages') });
  }

  return (
    <form onSubmit={submit} onKeyDown={form.onKeyDown} noValidate className="card space-y-4" aria-label={book ? `Edit ${book.title}` : 'Add a book'}>
      <h2 className="font-semibold">{book ? 'Edit book' : 'Add a book'}</h2>
      <div className="grid gap-3 sm:grid-cols-[2fr_2fr_1fr]">
        <Field form={form} name="title" label="Title">
          <input {...form.field('title')} defaultValue={book?.title} maxLength={200} required autoFocus className="input" />
        </Field>
        <Field form={form} name="author" label="Author" optional>
          <input {...form.field('author')} defaultValue={book?.author ?? ''} maxLength={200} className="input" />
        </Field>
        <Field form={form} name="totalPages" label="Pages">
          <input
            {...form.field('totalPages')}
            type="number"
            inputMode="numeric"
            min={1}
            max={100_000}
            step={1}
            defaultValue={book?.totalPages}
            required
            className="input"
          />
        </Field>
      </div>
      <FormActions form={form} submitLabel={book ? 'Save book' : 'Add book'} onCancel={onCancel} />
    </form>
  );
}
