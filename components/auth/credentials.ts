export type SignInResult = { ok: true } | { ok: false; message: string };

/**
 * Signs in through next-auth's credentials callback directly (not `signIn()`), so a 429 from
 * the failed-login limit reaches the form with its Retry-After instead of a generic error.
 */
export async function signInWithPassword(email: string, password: string): Promise<SignInResult> {
  const csrf = await fetch('/api/auth/csrf').then((r) => r.json() as Promise<{ csrfToken: string }>);
  const res = await fetch('/api/auth/callback/credentials', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Auth-Return-Redirect': '1' },
    body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken, json: 'true' }),
  });
  if (res.status === 429) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    return { ok: false, message: body?.error?.message ?? 'Too many attempts. Try again later.' };
  }
  if (!res.ok) return { ok: false, message: 'Wrong email or password.' };
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  if (body.url && new URL(body.url, location.href).searchParams.get('error')) {
    return { ok: false, message: 'Wrong email or password.' };
  }
  // Tells the other tabs of this browser that the session changed: they read it again. Loaded here,
  // on a successful sign-in, so the sign-in page's first load carries none of the app's sync code.
  const { announceSessionChange } = await import('@/lib/sync/auth-session');
  announceSessionChange();
  return { ok: true };
}

/** Only same-origin paths are followed after sign-in. */
export function safeCallback(raw: string | null, fallback = '/today'): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') ? raw : fallback;
}
