'use client';

import { X } from 'lucide-react';
import { useSyncExternalStore } from 'react';
import { currentToasts, dismissToast, subscribeToasts } from '@/lib/sync/toast';

const empty: never[] = [];

export function Toaster() {
  const toasts = useSyncExternalStore(subscribeToasts, currentToasts, () => empty);
  return (
    <div aria-live="polite" className="pointer-events-none absolute inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4">
      {toasts.map((t) => (
        <div
          key={t.id}
          role="status"
          className={`pointer-events-auto flex max-w-md items-start gap-3 rounded-lg px-4 py-3 text-sm shadow-lg ${t.tone === 'error' ? 'bg-danger text-white' : 'bg-ink text-white'}`}
        >
          <span>{t.message}</span>
          {t.action ? (
            <button
              type="button"
              className="font-semibold underline underline-offset-2"
              onClick={() => {
                t.action?.run();
                dismissToast(t.id);
              }}
            >
              {t.action.label}
            </button>
          ) : null}
          <button type="button" onClick={() => dismissToast(t.id)} aria-label="Dismiss" className="opacity-80 hover:opacity-100">
            <X className="h-4 w-4" />
          </button>
        </div>
      ))}
    </div>
  );
}
