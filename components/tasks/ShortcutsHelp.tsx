'use client';

import { X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { isShortcut, SHORTCUTS } from './shortcuts';

/** `?` anywhere: a modal `<dialog>` listing the shortcuts (focus stays inside, Escape closes). */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || !isShortcut(e)) return;
      e.preventDefault();
      setOpen(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      onClose={() => setOpen(false)}
      aria-labelledby="shortcuts-title"
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-stone-200 p-0 shadow-xl backdrop:bg-stone-900/30"
    >
      <div className="p-5">
        <div className="mb-3 flex items-center justify-between">
          <h2 id="shortcuts-title" className="text-lg font-semibold">
            Keyboard shortcuts
          </h2>
          <button type="button" className="btn-ghost p-1.5" onClick={() => setOpen(false)} aria-label="Close" autoFocus>
            <X className="h-4 w-4" aria-hidden />
          </button>
        </div>
        <table className="w-full text-sm">
          <thead className="sr-only">
            <tr>
              <th>Keys</th>
              <th>Does</th>
              <th>Where</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map(({ keys, what, where }) => (
              <tr key={what} className="border-t border-stone-100">
                <td className="py-1.5 pr-3 whitespace-nowrap">
                  {keys.map((k) => (
                    <kbd key={k} className="mr-1 rounded border border-stone-300 bg-stone-50 px-1.5 py-0.5 font-mono text-xs">
                      {k}
                    </kbd>
                  ))}
                </td>
                <td className="py-1.5">{what}</td>
                <td className="py-1.5 text-right text-xs text-stone-500">{where}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </dialog>
  );
}
