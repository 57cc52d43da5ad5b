'use client';

import { TriangleAlert } from 'lucide-react';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { TitledCard } from '../shell/TitledCard';

const DeleteAccountConfirm = dynamic(() => import('./DeleteAccountConfirm').then((m) => m.DeleteAccountConfirm), {
  ssr: false,
  loading: () => <p className="text-sm text-stone-600">Opening the form…</p>,
});

/** The danger zone: deleting the account, confirmed with the password (issue 17, item 2). */
export function DeleteAccountSection() {
  const [open, setOpen] = useState(false);

  return (
    <TitledCard
      id="delete-account-title"
      icon={TriangleAlert}
      title="Delete account"
      className="card space-y-3 border-red-200"
      headingClassName="text-lg font-semibold text-red-800"
    >
      <p className="text-sm text-stone-700">
        Deletes your account and everything in it from this server, at once and for good. Download your data first if you want to keep a copy.
      </p>
      {open ? (
        <DeleteAccountConfirm onCancel={() => setOpen(false)} />
      ) : (
        <button type="button" className="btn-secondary text-red-800" onClick={() => setOpen(true)}>
          Delete account…
        </button>
      )}
    </TitledCard>
  );
}
