import { useEffect, useState } from 'react';

/** The app's keyboard shortcuts: one table for the handlers' documentation and the `?` dialog. */

/** Dispatched on `window` to open quick add from a button anywhere. */
export const OPEN_QUICK_ADD = 'pos:quick-add';
/** Dispatched on a task's row (`e`): the row opens its editor, wherever its buttons are. */
export const EDIT_TASK = 'pos:edit-task';

export const SHORTCUTS: { keys: string[]; what: string; where: string }[] = [
  { keys: ['q'], what: 'Quick add a task', where: 'Anywhere' },
  { keys: ['?'], what: 'Show these shortcuts', where: 'Anywhere' },
  { keys: ['j', 'k'], what: 'Next / previous task', where: 'Tasks' },
  { keys: ['x'], what: 'Complete (or reopen) the selected task', where: 'Tasks' },
  { keys: ['e'], what: 'Edit the selected task', where: 'Tasks' },
  { keys: ['Delete', 'Backspace'], what: 'Delete the selected task (with undo)', where: 'Tasks' },
  { keys: ['/'], what: 'Search tasks', where: 'Tasks' },
];

/** Keys typed into a field are text, not shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** Whether a keydown is a bare shortcut key: no modifier, not typed into a field, no modal open. */
export function isShortcut(e: KeyboardEvent): boolean {
  return !e.ctrlKey && !e.metaKey && !e.altKey && !isTypingTarget(e.target) && !document.querySelector('dialog[open]');
}

/** A dialog opened by a shortcut key (and whatever else calls `setOpen`): its open state. */
export function useShortcutDialog(key: string): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== key || !isShortcut(e)) return;
      e.preventDefault();
      setOpen(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [key]);
  return [open, setOpen];
}
