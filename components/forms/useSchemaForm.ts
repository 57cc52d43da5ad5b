'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ZodType } from 'zod';

export type FieldErrors = Partial<Record<string, string>>;

/** What a page gives a form of `Input`: where to send it, and how to close it. */
export interface SchemaFormProps<Input> {
  onSubmit: (input: Input) => Promise<unknown>;
  onCancel: () => void;
}

export interface SchemaForm {
  /** The form's own id, the prefix of every field's. */
  id: string;
  errors: FieldErrors;
  pending: boolean;
  /** Checks `raw` with the API's own schema, shows what is wrong by field, or sends it. */
  submit(raw: unknown): Promise<void>;
  /** The id, name and error wiring of the input for `name`. */
  field(name: string): { id: string; name: string; 'aria-invalid'?: true; 'aria-describedby'?: string };
  /** Escape cancels. */
  onKeyDown(e: KeyboardEvent): void;
}

/** A form checked with the same zod schema as the API it sends to, before it is sent. */
export function useSchemaForm<T>(schema: ZodType<T>, send: (value: T) => Promise<unknown>, o: { failure: string; onCancel: () => void }): SchemaForm {
  const id = useId();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  // A refused submit takes the focus to the first field it names, once that field says what is
  // wrong (aria-invalid, aria-describedby): a keyboard or screen-reader user lands on the problem.
  const wrong = useRef<string[]>([]);
  useEffect(() => {
    const fields = wrong.current.map((name) => document.getElementById(`${id}-${name}`)).filter((el) => el !== null);
    wrong.current = [];
    // The first on the page, whatever order the schema checked them in.
    fields.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    fields[0]?.focus();
  }, [errors, id]);
  return {
    id,
    errors,
    pending,
    async submit(raw) {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const named = parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message] as const);
        wrong.current = named.map(([field]) => field);
        setErrors(Object.fromEntries(named));
        return;
      }
      setErrors({});
      setPending(true);
      try {
        await send(parsed.data);
      } catch (err) {
        setErrors({ form: err instanceof Error ? err.message : o.failure });
      } finally {
        setPending(false);
      }
    },
    field: (name) => ({ id: `${id}-${name}`, name, ...(errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${name}-error` } : {}) }),
    onKeyDown(e) {
      if (e.key === 'Escape') o.onCancel();
    },
  };
}

/** A form field's text as submitted; empty numbers become NaN, so the schema names them. */
export const formText = (form: FormData, name: string) => String(form.get(name) ?? '');
export const formNumber = (form: FormData, name: string, empty = Number.NaN) => (formText(form, name).trim() === '' ? empty : Number(form.get(name)));
