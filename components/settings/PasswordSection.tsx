'use client';

import { KeyRound } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { passwordSchema } from '@/lib/shared/schemas/profile';
import { useChangePassword } from './useAccount';

/** Change the password: the current one, then the new one twice; every other browser is signed out. */
export function PasswordSection() {
  const change = useChangePassword();
  const form = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const currentPassword = String(data.get('currentPassword'));
    const newPassword = String(data.get('newPassword'));
    setDone(null);
    // The same rules as sign-up, said before the round trip; the server checks them again.
    const strength = passwordSchema.safeParse(newPassword);
    if (!strength.success) return setProblem(`New password: ${strength.error.issues[0].message.toLowerCase()}.`);
    if (newPassword !== String(data.get('confirmPassword'))) return setProblem('The two new passwords are not the same.');
    setProblem(null);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: ({ endedSessions }) => {
          form.current?.reset();
          setDone(
            endedSessions === 0
              ? 'Password changed.'
              : `Password changed. ${endedSessions} other ${endedSessions === 1 ? 'browser was' : 'browsers were'} signed out.`,
          );
        },
        onError: (err) => setProblem(err.message),
      },
    );
  }

  return (
    <form ref={form} onSubmit={onSubmit} className="card space-y-4" aria-labelledby="password-title" noValidate>
      <div>
        <h2 id="password-title" className="flex items-center gap-2 text-lg font-semibold">
          <KeyRound className="h-5 w-5" aria-hidden /> Password
        </h2>
        <p className="mt-1 text-sm text-stone-600">At least 10 characters. Changing it signs out every other browser; this one stays signed in.</p>
      </div>
      <div>
        <label htmlFor="currentPassword" className="label">
          Current password
        </label>
        <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required className="input" />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="newPassword" className="label">
            New password
          </label>
          <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required minLength={10} className="input" />
        </div>
        <div>
          <label htmlFor="confirmPassword" className="label">
            New password again
          </label>
          <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required className="input" />
        </div>
      </div>
      {problem ? (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="text-sm text-green-800">
          {done}
        </p>
      ) : null}
      <button type="submit" className="btn-primary" disabled={change.isPending}>
        {change.isPending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
