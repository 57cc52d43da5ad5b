'use client';

import { X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import type { PlannerEventCreate } from '@/lib/shared/schemas/planner';
import { EventForm, type EventDraft } from './EventForm';

/** The add/edit form in a modal `<dialog>`: focus stays inside, Escape closes, focus returns where it was. */
export function EventDialog({
  draft,
  onSave,
  onDelete,
  onClose,
}: {
  draft: EventDraft | null;
  onSave: (input: PlannerEventCreate) => void;
  onDelete: (id: string) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (draft && !dialog.open) dialog.showModal();
    if (!draft && dialog.open) dialog.close();
  }, [draft]);

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="event-dialog-title"
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border border-stone-200 bg-surface p-0 text-stone-900 shadow-xl backdrop:bg-black/40"
    >
      {draft ? (
        <div className="p-5">
          <div className="mb-4 flex items-center justify-between">
            <h2 id="event-dialog-title" className="text-lg font-semibold">
              {draft.id ? 'Edit event' : 'Add event'}
            </h2>
            <button type="button" className="btn-ghost p-1.5" onClick={onClose} aria-label="Close">
              <X className="h-4 w-4" />
            </button>
          </div>
          <EventForm
            key={draft.id ?? `new-${draft.startsAt}`}
            draft={draft}
            onSave={onSave}
            onCancel={onClose}
            onDelete={draft.id ? () => onDelete(draft.id!) : undefined}
          />
        </div>
      ) : null}
    </dialog>
  );
}
