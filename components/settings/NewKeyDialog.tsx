'use client';

import dynamic from 'next/dynamic';
import type { ApiKeyCreated } from '@/lib/shared/schemas/native';
import { Modal } from '../shell/Modal';

const NewKey = dynamic(() => import('./NewKeyContent').then((m) => m.NewKey), {
  ssr: false,
  loading: () => (
    <p id="new-key-title" className="p-5 text-sm text-stone-600">
      Showing the new key…
    </p>
  ),
});

/**
 * Shows a new key the one time it exists in the browser. Closing drops it (the caller resets the
 * mutation that held it); the server keeps only a hash, so it can never be shown again.
 */
export function NewKeyDialog({ created, onClose }: { created: ApiKeyCreated | undefined; onClose: () => void }) {
  return (
    <Modal open={created !== undefined} onClose={onClose} labelledBy="new-key-title" width="w-[min(36rem,calc(100vw-2rem))]">
      {created ? <NewKey key={created.apiKey.id} created={created} onDone={onClose} /> : null}
    </Modal>
  );
}
