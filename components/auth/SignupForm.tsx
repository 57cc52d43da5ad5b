'use client';

import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { signInWithPassword } from './credentials';
import { hardNavigate } from './navigation';

type FieldErrors = Partial<Record<'email' | 'password' | 'name' | 'timezone', string>>;
interface ApiError {
  error: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] };
}

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

interface ZoneChoice {
  zones: string[];
  guess: string;
}

const SERVER_ZONES: ZoneChoice = { zones: ['UTC'], guess: 'UTC' };
let browserZones: ZoneChoice | null = null;
/** The browser's own zone list and zone, read once: the server's Node knows other names and sits in another zone. */
function getBrowserZones(): ZoneChoice {
  browserZones ??= { zones: typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'], guess: browserTimeZone() };
  return browserZones;
}
const noSubscription = () => () => {};

export function SignupForm() {
  // The server renders UTC alone; the browser's list and guess replace it right after hydration.
  const { zones, guess } = useSyncExternalStore(noSubscription, getBrowserZones, () => SERVER_ZONES);
  const [chosen, setTimezone] = useState<string | null>(null);
  const timezone = chosen ?? guess;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = {
      name: String(form.get('name') ?? ''),
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      timezone,
    };
    setBusy(true);
    setErrors({});
    setError(null);
    try {
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
      if (!signedIn.ok) {
        setError(signedIn.message);
        return;
      }
      hardNavigate('/today');
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="name" className="label">
          Name
        </label>
        <input id="name" name="name" autoComplete="name" required className="input" aria-invalid={!!errors.name} />
        {errors.name ? <p className="field-error">{errors.name}</p> : null}
      </div>
      <div>
        <label htmlFor="email" className="label">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required className="input" aria-invalid={!!errors.email} />
        {errors.email ? <p className="field-error">{errors.email}</p> : null}
      </div>
      <div>
        <label htmlFor="password" className="label">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          className="input"
          aria-invalid={!!errors.password}
        />
        {errors.password ? <p className="field-error">{errors.password}</p> : <p className="mt-1 text-xs text-stone-500">At least 10 characters.</p>}
      </div>
      <div>
        <label htmlFor="timezone" className="label">
          Time zone
        </label>
        <select id="timezone" name="timezone" className="input" value={timezone} onChange={(e) => setTimezone(e.target.value)}>
          {(zones.includes(timezone) ? zones : [timezone, ...zones]).map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
        {errors.timezone ? <p className="field-error">{errors.timezone}</p> : null}
      </div>
      {error ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn-primary w-full" disabled={busy}>
        {busy ? 'Creating your account…' : 'Create account'}
      </button>
    </form>
  );
}
