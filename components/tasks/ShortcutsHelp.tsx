'use client';

import dynamic from 'next/dynamic';
import { Modal } from '../shell/Modal';
import { useShortcutDialog } from './shortcuts';

// The list loads on the first `?`, not with every page the shell shows.
const ShortcutsTable = dynamic(() => import('./ShortcutsTable').then((m) => m.ShortcutsTable), {
  ssr: false,
  loading: () => (
    <p id="shortcuts-title" className="p-5 text-sm text-stone-600">
      Opening the keyboard shortcuts…
    </p>
  ),
});

/** `?` anywhere: a modal `<dialog>` listing the shortcuts (focus stays inside, Escape closes). */
export function ShortcutsHelp() {
  const [open, setOpen] = useShortcutDialog('?');
  return (
    <Modal open={open} onClose={() => setOpen(false)} labelledBy="shortcuts-title" width="w-[min(28rem,calc(100vw-2rem))]">
      <ShortcutsTable onClose={() => setOpen(false)} />
    </Modal>
  );
}
