'use client';

import { useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { safeCallback, signInWithPassword } from './credentials';
import { hardNavigate } from './navigation';

/** Why the app sent the browser here, said once above the form. */
const REASONS: Record<string, string> = {
  'signed-out': 'You were signed out: this session was ended from another device, or the password was changed.',
  deleted: 'Your account and all its data have been deleted.',
};

export function LoginForm() {
  const params = useSearchParams();
  const reason = REASONS[params.get('reason') ?? ''];
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const result = await signInWithPassword(String(form.get('email')), String(form.get('password')));
      if (!result.ok) {
        setError(result.message);
        return;
      }
      // A full navigation starts the app with empty in-memory caches for the new user.
      hardNavigate(safeCallback(params.get('callbackUrl')));
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {reason ? (
        <p role="status" className="rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-700">
          {reason}
        </p>
      ) : null}
      <div>
        <label htmlFor="email" className="label">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required className="input" />
      </div>
      <div>
        <label htmlFor="password" className="label">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="input" />
      </div>
      {error ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn-primary w-full" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
