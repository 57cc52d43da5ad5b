import type { LucideIcon } from 'lucide-react';

/** A small icon-only button; `label` is its whole accessible name, `danger` draws it red. */
export function IconButton({
  icon: Icon,
  label,
  onClick,
  disabled,
  danger,
  type = 'button',
}: {
  icon: LucideIcon;
  label: string;
  onClick?: () => void;
  disabled?: boolean;
  danger?: boolean;
  type?: 'button' | 'submit';
}) {
  return (
    <button type={type} className={danger ? 'btn-ghost p-1.5 text-red-700' : 'btn-ghost p-1.5'} disabled={disabled} onClick={onClick} aria-label={label}>
      <Icon className="h-4 w-4" />
    </button>
  );
}
