'use client';

import { useEffect, useRef, useState } from 'react';
import { isQueuedOffline } from '@/lib/sync/outbox';

type OpenForm<Kind extends string> = { kind: 'new' } | { kind: Kind; id: string } | null;

/** A control as a user names it: its element and its accessible label, or its text. */
interface Opener {
  tag: string;
  name: string;
}

const nameOf = (el: Element) => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();

function describe(el: Element | null): Opener | null {
  return el instanceof HTMLElement && el !== document.body ? { tag: el.tagName, name: nameOf(el) } : null;
}

/** The control named as the opener was, if the page shows one again. */
function find(opener: Opener | null): HTMLElement | null {
  if (!opener || !opener.name) return null;
  for (const el of document.querySelectorAll<HTMLElement>(opener.tag)) if (nameOf(el) === opener.name) return el;
  return null;
}

/**
 * Which form a page of cards shows: the one for a new card, one of a card's own forms (`Kind`,
 * e.g. its edit form) in place of that card, or none.
 */
export function useCardForms<Kind extends string = 'edit'>() {
  const [open, setOpen] = useState<OpenForm<Kind>>(null);
  // The control that opened the form is replaced while it shows (the "New …" button gives way to the
  // form, a card to its edit form): once the form closes, the focus goes back to the control that
  // comes back in its place, not to the top of the page.
  const opener = useRef<Opener | null>(null);
  const returning = useRef(false);
  const show = (next: OpenForm<Kind>) => {
    opener.current = describe(document.activeElement);
    setOpen(next);
  };
  const close = () => {
    returning.current = true;
    setOpen(null);
  };
  useEffect(() => {
    if (open !== null || !returning.current) return;
    returning.current = false;
    const active = document.activeElement;
    // Only where nothing has the focus: a user who moved on keeps it where they put it.
    if (active !== null && active !== document.body) return;
    find(opener.current)?.focus();
  }, [open]);
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
    openNew: () => show({ kind: 'new' }),
    openFor: (kind: Kind, id: string) => show({ kind, id }),
    close,
    writeThenClose,
    /** An edit form's submit: `update` the card's item `id` with the form's input as its patch, then close. */
    saveEdit: <Patch>(update: (change: { id: string; patch: Patch }) => Promise<unknown>, id: string) =>
      writeThenClose((patch: Patch) => update({ id, patch })),
  };
}
