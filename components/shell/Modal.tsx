'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal `<dialog>` shown while `open`: focus stays inside, Escape closes, focus returns where it
 * was. Its content is mounted only while open; `onClose` hears every way it closes.
 */
export function Modal({
  open,
  onClose,
  labelledBy,
  width,
  className = '',
  children,
}: {
  open: boolean;
  onClose: () => void;
  labelledBy: string;
  /** A Tailwind width, e.g. `w-[min(32rem,calc(100vw-2rem))]`. */
  width: string;
  /** More classes for the box, e.g. a top margin instead of centring. */
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={labelledBy}
      className={`m-auto ${width} rounded-xl border border-stone-200 bg-surface p-0 text-stone-900 shadow-xl backdrop:bg-black/40 ${className}`}
    >
      {open ? children : null}
    </dialog>
  );
}
