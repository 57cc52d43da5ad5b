// Signs in through next-auth's credentials endpoint, as a browser does (CSRF token, then the form),
// and returns the session cookie. Used by the benchmarks and the soak: a session is a JWT *and* a
// server-side row opened at sign-in (SECURITY.md), so a cookie cannot be forged from the secret.

/** `next-auth.session-token=…` of a fresh sign-in on `base`. */
export async function signInCookie(base, email, password) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = await csrf.json();
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ email, password, csrfToken, json: 'true' }),
    redirect: 'manual',
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => c.includes('session-token'))
    .join('; ');
  if (!cookie) throw new Error(`signing in ${email} failed: ${res.status} ${await res.text()}`);
  return cookie;
}
