'use client';

import { useId, useState, type FormEvent } from 'react';
import type { TermsPublishInput } from '@/lib/shared/schemas/admin';
import { LabelledControl, Notice } from '../forms/LabelledControl';

const termsSchema = () => import('@/lib/shared/schemas/admin').then((m) => m.termsPublishSchema);

/**
 * The next version's title and body, reviewed before they are published: publishing asks every user to
 * accept the terms again. Loaded when the admin opens it (decision 057).
 */
export function TermsPublishForm({
  nextVersion,
  onPublish,
  onClose,
}: {
  nextVersion: number;
  onPublish: (input: TermsPublishInput) => Promise<unknown>;
  onClose: () => void;
}) {
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
      onClose();
    } catch (err) {
      setError(`Could not publish: ${(err as Error).message}`);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={review} className="mt-4 space-y-3 border-t border-stone-100 pt-4" noValidate aria-label="Publish new terms">
      <h3 className="text-sm font-semibold">Publish version {nextVersion}</h3>
      <LabelledControl id={`${id}-title`} label="Title">
        {/* Opened by the admin's click, so the focus goes to its first field. */}
        <input id={`${id}-title`} className="input" value={title} maxLength={200} autoFocus onChange={(e) => edit(setTitle, e.target.value)} />
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
        <div className="flex gap-2">
          <button type="submit" className="btn-secondary">
            Review and publish
          </button>
          <button type="button" className="btn-ghost" onClick={onClose}>
            Discard
          </button>
        </div>
      )}
    </form>
  );
}
