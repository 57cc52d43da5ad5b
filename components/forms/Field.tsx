import type { FormEvent, ReactNode } from 'react';
import type { SchemaForm } from './useSchemaForm';

/** The aria wiring of a control whose error, when it has one, is the `${id}-error` line under it. */
export const invalidProps = (id: string, error: string | null | undefined) =>
  error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};

/** The id and error wiring a labelled control spreads onto itself. */
export type ControlProps = { id: string } & ReturnType<typeof invalidProps>;

/**
 * A label over its control, then the control's error, or else its hint. The control carries `id`;
 * given as a function it is handed `id` and the error wiring to spread. `announce` reads the error
 * out as soon as it shows (forms checked on the spot rather than by the server).
 */
export function LabelledControl({
  id,
  label,
  error,
  hint,
  announce,
  optional,
  className,
  labelClassName = 'label',
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  announce?: boolean;
  optional?: boolean;
  className?: string;
  labelClassName?: string;
  children: ReactNode | ((control: ControlProps) => ReactNode);
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClassName}>
        {label}
        {optional ? <span className="font-normal text-stone-500"> (optional)</span> : null}
      </label>
      {typeof children === 'function' ? children({ id, ...invalidProps(id, error) }) : children}
      {error ? (
        <p id={`${id}-error`} className="field-error" role={announce ? 'alert' : undefined}>
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

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

const NOTICE_STYLE = { alert: 'text-sm text-red-700', status: 'text-sm text-green-800' };

/** What went wrong (`alert`, read out at once) or what a form just did (`status`, read out politely); nothing when there is nothing to say. */
export function Notice({ role, className = NOTICE_STYLE[role], children }: { role: 'alert' | 'status'; className?: string; children: ReactNode }) {
  return children ? (
    <p role={role} className={className}>
      {children}
    </p>
  ) : null;
}
