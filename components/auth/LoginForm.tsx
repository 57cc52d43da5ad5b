'use client';

import { useSearchParams } from 'next/navigation';
import type { FormEvent } from 'react';
import { AuthField, AuthSubmit, useAuthAttempt } from './AuthForm';
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
  const { error, setError, busy, attempt } = useAuthAttempt();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    void attempt(async () => {
      const result = await signInWithPassword(String(form.get('email')), String(form.get('password')));
      if (!result.ok) return setError(result.message);
      // A full navigation starts the app with empty in-memory caches for the new user.
      hardNavigate(safeCallback(params.get('callbackUrl')));
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {reason ? (
        <p role="status" className="rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-700">
          {reason}
        </p>
      ) : null}
      <AuthField name="email" label="Email" type="email" autoComplete="email" />
      <AuthField name="password" label="Password" type="password" autoComplete="current-password" />
      <AuthSubmit error={error} busy={busy} label="Sign in" busyLabel="Signing in…" />
    </form>
  );
}
