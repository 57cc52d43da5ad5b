'use client';

import { X } from 'lucide-react';
import dynamic from 'next/dynamic';
import type { PlannerEventCreate } from '@/lib/shared/schemas/planner';
import { IconButton } from '../shell/IconButton';
import { Modal } from '../shell/Modal';
import type { EventDraft } from './EventForm';

// The form loads on the dialog's first opening, not with the week (decisions 057, 065).
const EventForm = dynamic(() => import('./EventForm').then((m) => m.EventForm), {
  ssr: false,
  loading: () => <p className="text-sm text-stone-600">Opening the form…</p>,
});

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
  return (
    <Modal open={draft !== null} onClose={onClose} labelledBy="event-dialog-title" width="w-[min(32rem,calc(100vw-2rem))]">
      {draft ? (
        <div className="p-5">
          <div className="mb-4 flex items-center justify-between">
            <h2 id="event-dialog-title" className="text-lg font-semibold">
              {draft.id ? 'Edit event' : 'Add event'}
            </h2>
            <IconButton icon={X} label="Close" onClick={onClose} />
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
    </Modal>
  );
}
