'use client';

import { useEffect, useRef } from 'react';
import { EDIT_TASK, isShortcut } from './shortcuts';
import type { ShownTask } from './view';

export interface TaskKeyActions {
  toggle: (task: ShownTask) => void;
  remove: (task: ShownTask, neighbour: ShownTask | undefined) => void;
}

const rowOf = (id: string) => document.querySelector<HTMLElement>(`[data-testid="task"][data-task-id="${CSS.escape(id)}"]`);

/** The row holding the focus: the selected task (j/k move the focus from row to row). */
function focusedId(): string | null {
  const row = document.activeElement instanceof HTMLElement ? document.activeElement.closest<HTMLElement>('[data-testid="task"]') : null;
  return row?.dataset.taskId ?? null;
}

/** j/k move, x completes, e edits, Delete deletes (the caller offers undo), / searches — on the tasks shown. */
export function useTaskKeys(tasks: ShownTask[], actions: TaskKeyActions, searchId: string): void {
  const latest = useRef({ tasks, actions });
  useEffect(() => {
    latest.current = { tasks, actions };
  }, [tasks, actions]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isShortcut(e)) return;
      const { tasks: shown, actions: act } = latest.current;
      // Rows in the order they are on screen (open, then the completed ones when expanded).
      const onScreen = shown.filter((t) => rowOf(t.id)?.checkVisibility?.() ?? rowOf(t.id) !== null);
      const id = focusedId();
      const i = onScreen.findIndex((t) => t.id === id);
      const task = i >= 0 ? onScreen[i] : undefined;
      if (e.key === 'j' || e.key === 'k') {
        const next = onScreen[i < 0 ? 0 : Math.min(onScreen.length - 1, Math.max(0, i + (e.key === 'j' ? 1 : -1)))];
        if (next) rowOf(next.id)?.focus();
      } else if (e.key === '/') {
        document.getElementById(searchId)?.focus();
      } else if (task && e.key === 'x') {
        act.toggle(task);
      } else if (task && e.key === 'e') {
        rowOf(task.id)?.dispatchEvent(new Event(EDIT_TASK));
      } else if (task && (e.key === 'Delete' || e.key === 'Backspace')) {
        const neighbour = onScreen[i + 1] ?? onScreen[i - 1];
        act.remove(task, neighbour);
        if (neighbour) requestAnimationFrame(() => rowOf(neighbour.id)?.focus());
      } else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [searchId]);
}
