'use client';

import { useId, useState, type FormEvent } from 'react';
import type { TermsPublishInput, TermsVersionList } from '@/lib/shared/schemas/admin';
import { LabelledControl, Notice } from '../forms/LabelledControl';
import { TitledCard } from '../shell/TitledCard';
import { useFormats } from '@/lib/sync/use-formats';

const termsSchema = () => import('@/lib/shared/schemas/admin').then((m) => m.termsPublishSchema);

function PublishForm({ nextVersion, onPublish }: { nextVersion: number; onPublish: (input: TermsPublishInput) => Promise<unknown> }) {
  const id = useId();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Any edit asks for a new review before publishing. */
  function edit(set: (value: string) => void, value: string) {
    set(value);
    setConfirming(false);
  }

  async function review(e: FormEvent) {
    e.preventDefault();
    // The schema (and Zod with it) comes with the first review, not with the page (decision 059).
    const parsed = (await termsSchema()).safeParse({ title, body });
    setError(parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Check the terms'));
    setConfirming(parsed.success);
  }

  async function publish() {
    setBusy(true);
    try {
      await onPublish((await termsSchema()).parse({ title, body }));
      setTitle('');
      setBody('');
      setConfirming(false);
      setError(null);
    } catch (err) {
      setError(`Could not publish: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={review} className="mt-4 space-y-3 border-t border-stone-100 pt-4" noValidate aria-label="Publish new terms">
      <h3 className="text-sm font-semibold">Publish version {nextVersion}</h3>
      <LabelledControl id={`${id}-title`} label="Title">
        <input id={`${id}-title`} className="input" value={title} maxLength={200} onChange={(e) => edit(setTitle, e.target.value)} />
      </LabelledControl>
      <LabelledControl id={`${id}-body`} label="Terms" hint="Separate paragraphs with a blank line.">
        <textarea
          id={`${id}-body`}
          className="input min-h-32"
          value={body}
          onChange={(e) => edit(setBody, e.target.value)}
          aria-describedby={`${id}-body-hint`}
        />
      </LabelledControl>
      <Notice role="alert" className="field-error">
        {error}
      </Notice>
      {confirming ? (
        <div className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm" role="alert">
          <p>Every user will have to accept version {nextVersion} before using the app again.</p>
          <div className="mt-3 flex gap-2">
            <button type="button" className="btn-primary" onClick={publish} disabled={busy}>
              {busy ? 'Publishing…' : `Publish version ${nextVersion}`}
            </button>
            <button type="button" className="btn-ghost" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" className="btn-secondary">
          Review and publish
        </button>
      )}
    </form>
  );
}

/** Terms versions, newest (current) first, and publishing the next one. */
export function TermsSection({ list, onPublish }: { list: TermsVersionList | undefined; onPublish: (input: TermsPublishInput) => Promise<unknown> }) {
  const id = useId();
  const format = useFormats();
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
          <PublishForm nextVersion={list.current.version + 1} onPublish={onPublish} />
        </>
      ) : (
        <div className="mt-3 h-24 animate-pulse rounded-lg bg-stone-100" />
      )}
    </TitledCard>
  );
}
