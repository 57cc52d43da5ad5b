'use client';

import { useEffect, useRef } from 'react';

const SETTLE_MS = 600;

/**
 * A date field that writes one op per decision, not per keystroke: Chrome reports a valid value
 * after every digit typed into the year (0002, 0020, …), and an empty one while a segment is
 * half typed (`validity.badInput`). It commits after a pause or on blur, and follows remote
 * changes only while it does not have the focus.
 */
export function DueDateInput({
  value,
  label,
  className,
  onCommit,
  autoFocus = false,
  onBlur,
}: {
  value: string | null;
  label: string;
  className?: string;
  onCommit: (day: string | null) => void;
  autoFocus?: boolean;
  /** After the blur's commit: the row may fold the field away again. */
  onBlur?: () => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ value, onCommit });

  useEffect(() => {
    latest.current = { value, onCommit };
    const input = ref.current;
    if (input && document.activeElement !== input) input.value = value ?? '';
  }, [value, onCommit]);

  // Unmounting (another list chosen, the row gone) commits a pending edit rather than dropping it.
  useEffect(() => () => commitNow(), []);

  function commitNow() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const input = ref.current;
    if (!input || input.validity.badInput) return;
    const next = input.value || null;
    if (next !== latest.current.value) latest.current.onCommit(next);
  }

  return (
    <input
      ref={ref}
      type="date"
      defaultValue={value ?? ''}
      aria-label={label}
      className={className}
      autoFocus={autoFocus}
      onBlur={() => {
        commitNow();
        onBlur?.();
      }}
      onChange={() => {
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(commitNow, SETTLE_MS);
      }}
    />
  );
}
