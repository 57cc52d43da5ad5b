'use client';

import { useState } from 'react';
import { readingSessionSchema, type Book, type ReadingSessionInput } from '@/lib/shared/schemas/books';
import { Field, FormCard, WHOLE_NUMBER } from '../forms/Field';
import { formNumber, formText, useSchemaForm, type SchemaFormProps } from '../forms/useSchemaForm';

function browserToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Log pages and minutes read, today unless another day is picked. */
export function ReadingSessionForm({ book, onSubmit, onCancel }: SchemaFormProps<ReadingSessionInput> & { book: Book }) {
  const [today] = useState(browserToday);
  const form = useSchemaForm(readingSessionSchema, onSubmit, { failure: 'Could not log the session', onCancel });
  const left = book.totalPages - book.pagesRead;

  function submit(data: FormData) {
    const day = formText(data, 'day');
    // Unchanged means "today" as the server sees it (the profile's time zone), not this browser's date.
    void form.submit({ pages: formNumber(data, 'pages', 0), minutes: formNumber(data, 'minutes', 0), ...(day && day !== today ? { day } : {}) });
  }

  return (
    <FormCard
      form={form}
      words={{ label: `Log reading of ${book.title}`, submitLabel: 'Log session' }}
      onSubmit={submit}
      onCancel={onCancel}
      className="mt-4 space-y-3 rounded-lg border border-stone-200 bg-stone-50 p-4"
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <Field form={form} name="pages" label="Pages read">
          <input {...form.field('pages')} {...WHOLE_NUMBER} min={0} max={10_000} autoFocus placeholder={left > 0 ? `${left} left` : undefined} />
        </Field>
        <Field form={form} name="minutes" label="Minutes">
          <input {...form.field('minutes')} {...WHOLE_NUMBER} min={0} max={1440} />
        </Field>
        <Field form={form} name="day" label="Date">
          <input {...form.field('day')} type="date" defaultValue={today} max={today} className="input" />
        </Field>
      </div>
    </FormCard>
  );
}
