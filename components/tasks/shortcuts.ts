import { useEffect, useState } from 'react';

/** The app's keyboard shortcuts: how a key is read; the `?` dialog lists them (ShortcutsTable.tsx). */

/** Dispatched on `window` to open quick add from a button anywhere. */
export const OPEN_QUICK_ADD = 'pos:quick-add';
/** Dispatched on a task's row (`e`): the row opens its editor, wherever its buttons are. */
export const EDIT_TASK = 'pos:edit-task';

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
