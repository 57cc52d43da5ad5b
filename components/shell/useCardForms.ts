'use client';

import { useState } from 'react';

type OpenForm<Kind extends string> = { kind: 'new' } | { kind: Kind; id: string } | null;

/**
 * Which form a page of cards shows: the one for a new card, one of a card's own forms (`Kind`,
 * e.g. its edit form) in place of that card, or none.
 */
export function useCardForms<Kind extends string = 'edit'>() {
  const [open, setOpen] = useState<OpenForm<Kind>>(null);
  const close = () => setOpen(null);
  return {
    anyOpen: open !== null,
    isNew: open?.kind === 'new',
    isOpen: (kind: Kind, id: string) => open !== null && open.kind === kind && 'id' in open && open.id === id,
    openNew: () => setOpen({ kind: 'new' }),
    openFor: (kind: Kind, id: string) => setOpen({ kind, id }),
    close,
    /** A form's submit: `write` it, then close; a refusal throws, so the form stays open with its error. */
    writeThenClose:
      <Input>(write: (input: Input) => Promise<unknown>) =>
      async (input: Input) => {
        await write(input);
        close();
      },
  };
}
