'use client';

import { useState } from 'react';
import { localDay } from '@/lib/shared/days';
import { useUserTimeZone } from '@/lib/sync/use-formats';
import { readingSessionSchema, type Book, type ReadingSessionInput } from '@/lib/shared/schemas/books';
import { Field, FormCard, WHOLE_NUMBER } from '../forms/Field';
import { formNumber, formText, useSchemaForm, type SchemaFormProps } from '../forms/useSchemaForm';

/** Log pages and minutes read, today unless another day is picked. */
export function ReadingSessionForm({ book, onSubmit, onCancel }: SchemaFormProps<ReadingSessionInput> & { book: Book }) {
  // Today as the server counts it: the profile's day (decision 054).
  const timeZone = useUserTimeZone();
  const [today] = useState(() => localDay(Date.now(), timeZone));
  const form = useSchemaForm(readingSessionSchema, onSubmit, { failure: 'Could not log the session', onCancel });
  const left = book.totalPages - book.pagesRead;

  function submit(data: FormData) {
    const day = formText(data, 'day');
    // Unchanged means "today" as the server sees it when the session arrives, not when the form opened.
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
