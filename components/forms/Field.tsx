import type { FormEvent, ReactNode } from 'react';
import { LabelledControl, Notice } from './LabelledControl';
import type { SchemaForm } from './useSchemaForm';

export { invalidProps, LabelledControl, Notice, type ControlProps } from './LabelledControl';

/** A labelled field of a schema form, with its error under it (the input takes `form.field(name)`). */
export function Field({
  form,
  name,
  label,
  optional,
  className,
  children,
}: {
  form: SchemaForm;
  name: string;
  label: ReactNode;
  optional?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <LabelledControl id={`${form.id}-${name}`} label={label} error={form.errors[name]} optional={optional} className={className}>
      {children}
    </LabelledControl>
  );
}

/** A form's first field: what the thing is called, required, and focused when the form opens. */
export function NameField({
  form,
  name,
  label,
  defaultValue,
  maxLength,
  placeholder,
}: {
  form: SchemaForm;
  name: string;
  label: string;
  defaultValue: string | undefined;
  maxLength: number;
  placeholder?: string;
}) {
  return (
    <Field form={form} name={name} label={label}>
      <input {...form.field(name)} defaultValue={defaultValue} maxLength={maxLength} required autoFocus className="input" placeholder={placeholder} />
    </Field>
  );
}

/** The props of a whole-number input (spread after `form.field(name)`). */
export const WHOLE_NUMBER = { type: 'number', inputMode: 'numeric', step: 1, className: 'input' } as const;

/** The words of a form that creates a `noun` or edits the one named `editing`: "New habit" / "Create habit", or "Edit habit" / "Save habit". */
export type EntityFormWords = { noun: string; editing: string | undefined; create: readonly [title: string, submit: string] };

/** A form's name for assistive technology, its heading and its submit label. */
export function formWords({ noun, editing, create }: EntityFormWords) {
  return editing === undefined
    ? { label: create[0], title: create[0], submitLabel: create[1] }
    : { label: `Edit ${editing}`, title: `Edit ${noun}`, submitLabel: `Save ${noun}` };
}

/** The card a schema form is drawn in: its name for assistive technology, a heading, the fields, then send and cancel. */
export function FormCard({
  form,
  words,
  onSubmit,
  onCancel,
  className = 'card space-y-4',
  children,
}: {
  form: SchemaForm;
  words: { label: string; title?: string; submitLabel: string };
  onSubmit: (data: FormData) => void;
  onCancel: () => void;
  className?: string;
  children: ReactNode;
}) {
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onSubmit(new FormData(e.currentTarget));
  }
  return (
    <form onSubmit={submit} onKeyDown={form.onKeyDown} noValidate className={className} aria-label={words.label}>
      {words.title ? <h2 className="font-semibold">{words.title}</h2> : null}
      {children}
      <FormActions form={form} submitLabel={words.submitLabel} onCancel={onCancel} />
    </form>
  );
}

/** What the server said when it refused the form, then send and cancel. */
export function FormActions({ form, submitLabel, onCancel }: { form: SchemaForm; submitLabel: string; onCancel: () => void }) {
  return (
    <>
      <Notice role="alert" className="text-sm text-red-600">
        {form.errors.form}
      </Notice>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={form.pending}>
          {form.pending ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
