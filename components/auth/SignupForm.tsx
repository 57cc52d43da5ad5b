'use client';

import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { LabelledControl } from '../forms/LabelledControl';
import { deviceTimeZone } from '@/lib/shared/timezone';
import { TimeZoneOptions } from '../forms/TimeZoneOptions';
import { AuthField, AuthSubmit, useAuthAttempt } from './AuthForm';
import { signInWithPassword } from './credentials';
import { hardNavigate } from './navigation';

type FieldErrors = Partial<Record<'email' | 'password' | 'name' | 'timezone', string>>;
interface ApiError {
  error: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] };
}

interface ZoneChoice {
  zones: string[];
  guess: string;
}

const SERVER_ZONES: ZoneChoice = { zones: ['UTC'], guess: 'UTC' };
let browserZones: ZoneChoice | null = null;
/** The browser's own zone list and zone, read once: the server's Node knows other names and sits in another zone. */
function getBrowserZones(): ZoneChoice {
  browserZones ??= { zones: typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'], guess: deviceTimeZone() };
  return browserZones;
}
const noSubscription = () => () => {};

export function SignupForm() {
  // The server renders UTC alone; the browser's list and guess replace it right after hydration.
  const { zones, guess } = useSyncExternalStore(noSubscription, getBrowserZones, () => SERVER_ZONES);
  const [chosen, setTimezone] = useState<string | null>(null);
  const timezone = chosen ?? guess;
  const [errors, setErrors] = useState<FieldErrors>({});
  const { error, setError, busy, attempt } = useAuthAttempt();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = {
      name: String(form.get('name') ?? ''),
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      timezone,
    };
    setErrors({});
    void attempt(async () => {
      const res = await fetch('/api/auth/signup', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as ApiError | null;
        const fieldErrors: FieldErrors = {};
        for (const issue of body?.error.issues ?? []) {
          const field = issue.path[0] as keyof FieldErrors;
          fieldErrors[field] ??= issue.message;
        }
        setErrors(fieldErrors);
        setError(Object.keys(fieldErrors).length ? null : (body?.error.message ?? 'Sign-up failed.'));
        return;
      }
      const signedIn = await signInWithPassword(input.email, input.password);
      if (!signedIn.ok) return setError(signedIn.message);
      hardNavigate('/today');
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <AuthField name="name" label="Name" autoComplete="name" error={errors.name} />
      <AuthField name="email" label="Email" type="email" autoComplete="email" error={errors.email} />
      <AuthField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        minLength={10}
        error={errors.password}
        hint="At least 10 characters."
      />
      <LabelledControl id="timezone" label="Time zone" error={errors.timezone}>
        <select id="timezone" name="timezone" className="input" value={timezone} onChange={(e) => setTimezone(e.target.value)}>
          <TimeZoneOptions zones={zones} current={timezone} />
        </select>
      </LabelledControl>
      <AuthSubmit error={error} busy={busy} label="Create account" busyLabel="Creating your account…" />
    </form>
  );
}
