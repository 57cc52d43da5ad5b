import type { ReactNode } from 'react';

// Apart from the schema forms' cards (Field.tsx): most pages' forms need only these, and a module is
// loaded whole (decision 072).

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

const NOTICE_STYLE = { alert: 'text-sm text-red-700', status: 'text-sm text-green-800' };

/** What went wrong (`alert`, read out at once) or what a form just did (`status`, read out politely); nothing when there is nothing to say. */
export function Notice({ role, className = NOTICE_STYLE[role], children }: { role: 'alert' | 'status'; className?: string; children: ReactNode }) {
  return children ? (
    <p role={role} className={className}>
      {children}
    </p>
  ) : null;
}
