'use client';

import { Pencil, Trash2 } from 'lucide-react';
import { useState, type ReactNode } from 'react';

/** The pencil that opens a card's form. */
export function EditButton({ name, onEdit }: { name: string; onEdit: () => void }) {
  return (
    <button type="button" className="btn-ghost ml-auto px-2.5" onClick={onEdit} aria-label={`Edit ${name}`} title="Edit">
      <Pencil className="h-4 w-4" aria-hidden />
    </button>
  );
}

/** The bin that asks to confirm a card's deletion. */
export function DeleteButton({ name, onAsk }: { name: string; onAsk: () => void }) {
  return (
    <button type="button" className="btn-ghost px-2.5 text-red-700" onClick={onAsk} aria-label={`Delete ${name}`} title="Delete">
      <Trash2 className="h-4 w-4" aria-hidden />
    </button>
  );
}

interface ConfirmDeleteProps {
  question: string;
  label: string;
  onDelete: () => void;
  onKeep: () => void;
  groupLabel?: string;
  className?: string;
  disabled?: boolean;
}

/** "Delete this …?" with the deletion and a way out (focused, so Enter keeps it). */
export function ConfirmDelete({ question, label, onDelete, onKeep, groupLabel = 'Confirm deletion', className = 'mt-4', disabled }: ConfirmDeleteProps) {
  return (
    <div className={`${className} flex flex-wrap items-center gap-2`.trim()} role="group" aria-label={groupLabel}>
      <span className="text-sm">{question}</span>
      <button type="button" className="btn-danger" onClick={onDelete} disabled={disabled}>
        {label}
      </button>
      <button type="button" className="btn-ghost" onClick={onKeep} autoFocus>
        Keep
      </button>
    </div>
  );
}

/**
 * A card's row of actions: its own buttons (`children`), then edit (`afterEdit` next to it) and
 * delete; delete first asks `question` (ConfirmDelete, with `label` on its button) in place of the row.
 */
export function CardFooter({
  name,
  onEdit,
  afterEdit,
  className = 'mt-4 flex flex-wrap gap-1',
  children,
  ...confirm
}: Pick<ConfirmDeleteProps, 'question' | 'label' | 'onDelete'> & {
  name: string;
  onEdit: () => void;
  afterEdit?: ReactNode;
  className?: string;
  children?: ReactNode;
}) {
  const [confirming, setConfirming] = useState(false);
  if (confirming) return <ConfirmDelete {...confirm} onKeep={() => setConfirming(false)} />;
  return (
    <div className={className}>
      {children}
      <EditButton name={name} onEdit={onEdit} />
      {afterEdit}
      <DeleteButton name={name} onAsk={() => setConfirming(true)} />
    </div>
  );
}
