'use client';

import type { ReactNode } from 'react';

/**
 * A radio or checkbox drawn as a pill. The real input covers the pill (transparent), so it keeps
 * native keyboard behaviour (arrows in a radio group, Space to toggle) and its accessible name.
 */
export function ChoiceChip({
  type,
  name,
  checked,
  onChange,
  label,
  children,
  className = '',
}: {
  type: 'radio' | 'checkbox';
  name?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <label
      className={`relative inline-flex min-w-9 items-center justify-center gap-1.5 rounded-lg border px-2.5 py-1.5 text-sm transition has-[:checked]:border-brand-600 has-[:checked]:bg-brand-600 has-[:checked]:text-white has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500 border-stone-300 bg-surface text-stone-800 ${className}`}
    >
      <input
        type={type}
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-label={label}
        className="absolute inset-0 cursor-pointer opacity-0"
      />
      {children ?? label}
    </label>
  );
}
