'use client';

import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface SegmentedOption<V extends string> {
  value: V;
  label: ReactNode;
}

const NEXT: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * One of a few choices as a row of buttons: a radio group by the WAI-ARIA pattern. Tab enters at the
 * chosen button (the first when none is), the arrow keys move and choose, Home and End jump.
 */
export function SegmentedChoice<V extends string>({
  options,
  value,
  onChange,
  label,
  disabled = false,
  testId,
}: {
  options: readonly SegmentedOption<V>[];
  value: V | undefined;
  onChange: (value: V) => void;
  /** The group's accessible name (omit when a fieldset's legend names it). */
  label?: string;
  disabled?: boolean;
  testId?: string;
}) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const tabbable = Math.max(
    0,
    options.findIndex((o) => o.value === value),
  );

  function onKeyDown(e: KeyboardEvent, index: number) {
    const step = NEXT[e.key];
    const to = step !== undefined ? (index + step + options.length) % options.length : e.key === 'Home' ? 0 : e.key === 'End' ? options.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    buttons.current[to]?.focus();
    onChange(options[to]!.value);
  }

  return (
    <div className="inline-flex rounded-lg border border-stone-300 p-0.5" role="radiogroup" aria-label={label} data-testid={testId}>
      {options.map((option, i) => (
        <button
          key={option.value}
          ref={(node) => {
            buttons.current[i] = node;
          }}
          type="button"
          role="radio"
          aria-checked={value === option.value}
          tabIndex={i === tabbable ? 0 : -1}
          disabled={disabled}
          onClick={() => onChange(option.value)}
          onKeyDown={(e) => onKeyDown(e, i)}
          className="flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm aria-checked:bg-brand-600 aria-checked:text-white"
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
