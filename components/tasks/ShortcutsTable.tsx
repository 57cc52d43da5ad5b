'use client';

import { X } from 'lucide-react';

/** The app's keyboard shortcuts, as the `?` dialog lists them (handlers: shortcuts.ts, useTaskKeys.ts). */
const SHORTCUTS: { keys: string[]; what: string; where: string }[] = [
  { keys: ['q'], what: 'Quick add a task', where: 'Anywhere' },
  { keys: ['?'], what: 'Show these shortcuts', where: 'Anywhere' },
  { keys: ['j', 'k'], what: 'Next / previous task', where: 'Tasks' },
  { keys: ['x'], what: 'Complete (or reopen) the selected task', where: 'Tasks' },
  { keys: ['e'], what: 'Edit the selected task', where: 'Tasks' },
  { keys: ['Delete', 'Backspace'], what: 'Delete the selected task (with undo)', where: 'Tasks' },
  { keys: ['/'], what: 'Search tasks', where: 'Tasks' },
];

/** The `?` dialog's content: loaded on its first opening, not with every page (decision 065). */
export function ShortcutsTable({ onClose }: { onClose: () => void }) {
  return (
    <div className="p-5">
      <div className="mb-3 flex items-center justify-between">
        <h2 id="shortcuts-title" className="text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        <button type="button" className="btn-ghost p-1.5" onClick={onClose} aria-label="Close" autoFocus>
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
  );
}
