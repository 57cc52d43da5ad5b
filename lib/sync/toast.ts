export interface Toast {
  id: number;
  message: string;
  tone: 'error' | 'info';
  /** One button next to the message ("Undo"); pressing it runs `run` and dismisses the toast. */
  action?: { label: string; run: () => void };
}

type Listener = (toasts: Toast[]) => void;

let toasts: Toast[] = [];
let next = 1;
const listeners = new Set<Listener>();

function emit() {
  listeners.forEach((fn) => fn(toasts));
}

/** Shows a short message in the shell's toaster (rollback errors use it). */
export function showToast(message: string, tone: Toast['tone'] = 'error', ttlMs = 5000, action?: Toast['action']): void {
  const toast: Toast = { id: next++, message, tone, action };
  toasts = [...toasts, toast];
  emit();
  setTimeout(() => dismissToast(toast.id), ttlMs);
}

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

export function subscribeToasts(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentToasts(): Toast[] {
  return toasts;
}
