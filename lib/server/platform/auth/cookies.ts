import 'server-only';
import { config } from '@/lib/server/platform/config';

/** Secure cookies only when the public origin is https; a plain-http localhost keeps working. */
export function secureCookies(): boolean {
  return config().NEXTAUTH_URL?.startsWith('https://') ?? false;
}

export function sessionCookieName(): string {
  return secureCookies() ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}

export function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name) continue;
    try {
      out.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      out.set(name, part.slice(eq + 1).trim());
    }
  }
  return out;
}

/** The session JWT, joined from next-auth's chunks (`name.0`, `name.1`, …) when it was split. */
export function sessionTokenFrom(headers: Headers): string | undefined {
  const name = sessionCookieName();
  const cookies = parseCookies(headers.get('cookie'));
  const whole = cookies.get(name);
  if (whole) return whole;
  const chunks = [...cookies.entries()]
    .filter(([k]) => k.startsWith(`${name}.`))
    .sort(([a], [b]) => Number(a.slice(name.length + 1)) - Number(b.slice(name.length + 1)));
  return chunks.length ? chunks.map(([, v]) => v).join('') : undefined;
}
