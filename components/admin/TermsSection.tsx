'use client';

import dynamic from 'next/dynamic';
import { useEffect, useId, useRef, useState } from 'react';
import type { TermsPublishInput, TermsVersionList } from '@/lib/shared/schemas/admin';
import { TitledCard } from '../shell/TitledCard';
import { useFormats } from '@/lib/sync/use-formats';

// Publishing terms is rare: its form loads when the admin opens it (decision 057).
const TermsPublishForm = dynamic(() => import('./TermsPublishForm').then((m) => m.TermsPublishForm), {
  ssr: false,
  loading: () => <p className="mt-4 text-sm text-stone-600">Opening the form…</p>,
});

/** Terms versions, newest (current) first, and publishing the next one. */
export function TermsSection({ list, onPublish }: { list: TermsVersionList | undefined; onPublish: (input: TermsPublishInput) => Promise<unknown> }) {
  const id = useId();
  const format = useFormats();
  const [publishing, setPublishing] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  // Closed (published or discarded): the focus goes back to the button that opened the form.
  useEffect(() => {
    if (publishing || !returnFocus.current) return;
    returnFocus.current = false;
    opener.current?.focus();
  }, [publishing]);
  const close = () => {
    returnFocus.current = true;
    setPublishing(false);
  };
  return (
    <TitledCard id={`${id}-title`} title="Terms of service" className="card" headingClassName="font-semibold">
      {list ? (
        <>
          <p className="mt-1 text-sm text-stone-600" data-testid="admin-terms-current">
            Current: version {list.current.version} — {list.current.title}
          </p>
          <ul className="mt-3 space-y-2 text-sm" aria-label="Terms versions">
            {list.versions.map((v) => (
              <li key={v.version} data-testid="admin-terms-version">
                <details>
                  <summary className="cursor-pointer">
                    <span className="font-medium">Version {v.version}</span> · {v.title}
                    <span className="text-stone-500"> · {v.publishedAt === null ? 'built in' : `published ${format.dateTime(v.publishedAt)}`}</span>
                  </summary>
                  <div className="mt-2 space-y-2 rounded-lg bg-stone-50 p-3 text-stone-700">
                    {v.body.split('\n\n').map((p, i) => (
                      <p key={i}>{p}</p>
                    ))}
                  </div>
                </details>
              </li>
            ))}
          </ul>
          {publishing ? (
            <TermsPublishForm nextVersion={list.current.version + 1} onPublish={onPublish} onClose={close} />
          ) : (
            <button ref={opener} type="button" className="btn-secondary mt-4" onClick={() => setPublishing(true)}>
              Publish new terms…
            </button>
          )}
        </>
      ) : (
        <div className="mt-3 h-24 animate-pulse rounded-lg bg-stone-100" />
      )}
    </TitledCard>
  );
}
