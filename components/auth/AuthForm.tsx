'use client';

import { useState, type InputHTMLAttributes } from 'react';
import { LabelledControl, Notice } from '../forms/LabelledControl';
import { useHydrated } from '../shell/useHydrated';

/** A required input of the sign-in or sign-up form, named and identified by `name`, with the server's complaint about it or a hint. */
export function AuthField({
  name,
  label,
  error,
  hint,
  ...input
}: { name: string; label: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <LabelledControl id={name} label={label} error={error} hint={hint}>
      {(control) => <input {...control} name={name} required className="input" {...input} />}
    </LabelledControl>
  );
}

/** Why the last attempt failed, then the full-width submit button (which says what it is doing while busy). */
export function AuthSubmit({ error, busy, label, busyLabel }: { error: string | null; busy: boolean; label: string; busyLabel: string }) {
  // Until the page is hydrated the form is the server's plain HTML: submitting it then would send
  // the fields as a GET to this page, the password in the address. The button waits for the script.
  const hydrated = useHydrated();
  return (
    <>
      <Notice role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
        {error}
      </Notice>
      <button type="submit" className="btn-primary w-full" disabled={busy || !hydrated}>
        {busy ? busyLabel : label}
      </button>
    </>
  );
}

/** One attempt at a time: busy while it runs, its failure kept for AuthSubmit; a network failure says so. */
export function useAuthAttempt() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function attempt(run: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }
  return { error, setError, busy, attempt };
}
