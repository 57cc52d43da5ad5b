'use client';

import { KeyRound } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { passwordProblem } from '@/lib/shared/password';
import { LabelledControl, Notice } from '../forms/LabelledControl';
import { CardHeading } from '../shell/TitledCard';
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
    // The same rules as sign-up, said before the round trip (by hand: no Zod on Settings' first load,
    // decision 059); the server checks them again.
    const weak = passwordProblem(newPassword);
    if (weak) return setProblem(`New password: ${weak.toLowerCase()}.`);
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
      <CardHeading
        id="password-title"
        icon={KeyRound}
        title="Password"
        description="At least 10 characters. Changing it signs out every other browser; this one stays signed in."
      />
      <LabelledControl id="currentPassword" label="Current password">
        <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required className="input" />
      </LabelledControl>
      <div className="grid gap-4 sm:grid-cols-2">
        <LabelledControl id="newPassword" label="New password">
          <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required minLength={10} className="input" />
        </LabelledControl>
        <LabelledControl id="confirmPassword" label="New password again">
          <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required className="input" />
        </LabelledControl>
      </div>
      <Notice role="alert">{problem}</Notice>
      <Notice role="status">{done}</Notice>
      <button type="submit" className="btn-primary" disabled={change.isPending}>
        {change.isPending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
