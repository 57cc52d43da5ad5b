'use client';

import { Plus } from 'lucide-react';
import dynamic from 'next/dynamic';
import { useEffect } from 'react';
import { Modal } from '../shell/Modal';
import { OPEN_QUICK_ADD, useShortcutDialog } from './shortcuts';

// The form and its parser (chrono-node, some 40 KB compressed) load on the first open, not with
// every page the shell shows.
const QuickAddForm = dynamic(() => import('./QuickAddForm').then((m) => m.QuickAddForm), {
  ssr: false,
  // The dialog is named from its first frame, while the form is still on its way.
  loading: () => (
    <p id="quick-add-title" className="p-4 text-sm text-stone-600">
      Opening quick add…
    </p>
  ),
});

/**
 * Quick add from anywhere: `q` (or the phone's + button, or any page's "Quick add") opens a modal
 * `<dialog>`; the plain words are read as chips the user can remove before saving. The tasks
 * engine starts only once the dialog opens, so pages without tasks still open no database.
 */
export function QuickAdd() {
  const [open, setOpen] = useShortcutDialog('q');
  useEffect(() => {
    const onOpen = () => setOpen(true);
    window.addEventListener(OPEN_QUICK_ADD, onOpen);
    return () => window.removeEventListener(OPEN_QUICK_ADD, onOpen);
  }, [setOpen]);

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="absolute right-4 bottom-4 z-30 flex h-12 w-12 items-center justify-center rounded-full bg-brand-600 text-white shadow-lg md:hidden"
        aria-label="Quick add a task"
        data-testid="quick-add-fab"
      >
        <Plus className="h-6 w-6" aria-hidden />
      </button>
      <Modal open={open} onClose={() => setOpen(false)} labelledBy="quick-add-title" width="w-[min(36rem,calc(100vw-2rem))]" className="mt-[12vh]">
        <QuickAddForm onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}
