import type { ReactNode } from 'react';
import type { SchemaForm } from './useSchemaForm';

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
  const error = form.errors[name];
  return (
    <div className={className}>
      <label htmlFor={`${form.id}-${name}`} className="label">
        {label}
        {optional ? <span className="font-normal text-stone-500"> (optional)</span> : null}
      </label>
      {children}
      {error ? (
        <p id={`${form.id}-${name}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** What the server said when it refused the form, then send and cancel. */
export function FormActions({ form, submitLabel, onCancel }: { form: SchemaForm; submitLabel: string; onCancel: () => void }) {
  return (
    <>
      {form.errors.form ? (
        <p role="alert" className="text-sm text-red-600">
          {form.errors.form}
        </p>
      ) : null}
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
