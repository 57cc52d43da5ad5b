import type { ReactNode } from 'react';

/** A divided list of a card's items (each `li` drawn by `children`), or one line saying there are none yet. */
export function ItemList<T>({
  items,
  label,
  empty,
  emptyTestId,
  className,
  children,
}: {
  items: readonly T[];
  label?: string;
  empty: ReactNode;
  emptyTestId?: string;
  className?: string;
  children: (item: T) => ReactNode;
}) {
  if (items.length === 0) {
    return (
      <p className="text-sm text-stone-500" data-testid={emptyTestId}>
        {empty}
      </p>
    );
  }
  return (
    <ul className={className ? `divide-y divide-stone-100 ${className}` : 'divide-y divide-stone-100'} aria-label={label}>
      {items.map(children)}
    </ul>
  );
}
