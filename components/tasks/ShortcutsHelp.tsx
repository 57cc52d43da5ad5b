'use client';

import { X } from 'lucide-react';
import { Modal } from '../shell/Modal';
import { SHORTCUTS, useShortcutDialog } from './shortcuts';

/** `?` anywhere: a modal `<dialog>` listing the shortcuts (focus stays inside, Escape closes). */
export function ShortcutsHelp() {
  const [open, setOpen] = useShortcutDialog('?');
  return (
    <Modal open={open} onClose={() => setOpen(false)} labelledBy="shortcuts-title" width="w-[min(28rem,calc(100vw-2rem))]">
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
    </Modal>
  );
}
