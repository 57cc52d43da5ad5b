'use client';

import { bookCreateSchema, type Book, type BookCreateInput } from '@/lib/shared/schemas/books';
import { Field, FormCard, formWords, NameField, WHOLE_NUMBER } from '../forms/Field';
import { formNumber, formText, useSchemaForm, type SchemaFormProps } from '../forms/useSchemaForm';

/** Add or edit a book: title, author and page count. */
export function BookForm({ book, onSubmit, onCancel }: SchemaFormProps<BookCreateInput> & { book?: Book }) {
  const form = useSchemaForm(bookCreateSchema, onSubmit, { failure: 'Could not save the book', onCancel });

  const submit = (data: FormData) =>
    void form.submit({ title: formText(data, 'title'), author: formText(data, 'author'), totalPages: formNumber(data, 'totalPages') });

  const words = formWords({ noun: 'book', editing: book?.title, create: ['Add a book', 'Add book'] });
  return (
    <FormCard form={form} words={words} onSubmit={submit} onCancel={onCancel}>
      <div className="grid gap-3 sm:grid-cols-[2fr_2fr_1fr]">
        <NameField form={form} name="title" label="Title" defaultValue={book?.title} maxLength={200} />
        <Field form={form} name="author" label="Author" optional>
          <input {...form.field('author')} defaultValue={book?.author ?? ''} maxLength={200} className="input" />
        </Field>
        <Field form={form} name="totalPages" label="Pages">
          <input {...form.field('totalPages')} {...WHOLE_NUMBER} min={1} max={100_000} defaultValue={book?.totalPages} required />
        </Field>
      </div>
    </FormCard>
  );
}
