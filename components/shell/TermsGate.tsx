'use client';

import { useState } from 'react';
import { CURRENT_TERMS, type Terms } from '@/lib/shared/terms';
import { SignOutButton } from '../auth/SignOutButton';
import { useAppSession } from '../auth/SessionState';
import { useHydrated } from './useHydrated';

/**
 * Blocks the app until the current terms are accepted; acceptance is cached in the JWT. `terms` are
 * the server's when it has answered, else this build's. Loaded only when shown (AppShell).
 */
export function TermsGate({ terms = CURRENT_TERMS, onAccepted }: { terms?: Terms; onAccepted: (terms: Terms) => void }) {
  const { update } = useAppSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The gate is in the server's HTML: until the page is hydrated, a click on Accept would be lost.
  const hydrated = useHydrated();

  async function accept() {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/tos/accept', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ version: terms.version }),
      });
      if (!res.ok) throw new Error(String(res.status));
      await update();
      onAccepted(terms);
    } catch {
      setError('Could not save your acceptance. Please try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div role="dialog" aria-modal="true" aria-labelledby="terms-title" className="fixed inset-0 z-50 flex items-center justify-center bg-black/60 p-4">
      <div className="card max-h-[90vh] w-full max-w-lg overflow-y-auto">
        <h2 id="terms-title" className="text-lg font-semibold">
          {terms.title}
        </h2>
        <p className="text-xs text-stone-500">Version {terms.version} — please read and accept to continue.</p>
        <div className="mt-4 space-y-3 text-sm leading-relaxed text-stone-700">
          {terms.body.split('\n\n').map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
        {error ? (
          <p role="alert" className="mt-4 text-sm text-red-600">
            {error}
          </p>
        ) : null}
        <button type="button" className="btn-primary mt-6 w-full" onClick={accept} disabled={busy || !hydrated}>
          {busy ? 'Saving…' : 'I accept the terms'}
        </button>
        <SignOutButton className="btn-ghost mt-2 w-full">Decline and sign out</SignOutButton>
        <p className="mt-2 text-center text-xs text-stone-600">Declining signs you out and keeps your data as it is. Signing in again asks again.</p>
      </div>
    </div>
  );
}
