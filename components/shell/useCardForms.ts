'use client';

import { useState } from 'react';
import { isQueuedOffline } from '@/lib/sync/outbox';

type OpenForm<Kind extends string> = { kind: 'new' } | { kind: Kind; id: string } | null;

/**
 * Which form a page of cards shows: the one for a new card, one of a card's own forms (`Kind`,
 * e.g. its edit form) in place of that card, or none.
 */
export function useCardForms<Kind extends string = 'edit'>() {
  const [open, setOpen] = useState<OpenForm<Kind>>(null);
  const close = () => setOpen(null);
  /**
   * A form's submit: `write` it, then close; a refusal throws, so the form stays open with its error.
   * A write kept offline (the outbox) closes the form too: it is done as far as the user is concerned.
   */
  const writeThenClose =
    <Input>(write: (input: Input) => Promise<unknown>) =>
    async (input: Input) => {
      try {
        await write(input);
      } catch (error) {
        if (!isQueuedOffline(error)) throw error;
      }
      close();
    };
  return {
    anyOpen: open !== null,
    isNew: open?.kind === 'new',
    isOpen: (kind: Kind, id: string) => open !== null && open.kind === kind && 'id' in open && open.id === id,
    openNew: () => setOpen({ kind: 'new' }),
    openFor: (kind: Kind, id: string) => setOpen({ kind, id }),
    close,
    writeThenClose,
    /** An edit form's submit: `update` the card's item `id` with the form's input as its patch, then close. */
    saveEdit: <Patch>(update: (change: { id: string; patch: Patch }) => Promise<unknown>, id: string) =>
      writeThenClose((patch: Patch) => update({ id, patch })),
  };
}
