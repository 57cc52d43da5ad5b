import type { Session } from 'next-auth';
import { openTabChannel, type TabChannel } from './tab-channel';

/**
 * The browser's side of the session, without next-auth's client (decision 059): its REST endpoints
 * called with fetch, and one tab channel that tells the other tabs of this browser when the session
 * changed (a sign-in, a sign-out, a refreshed token), so they read it again — once per change,
 * never per focus.
 */
export type AppSession = Session;

const AUTH = '/api/auth';

async function csrfToken(): Promise<string> {
  const res = await fetch(`${AUTH}/csrf`, { credentials: 'same-origin', cache: 'no-store' });
  if (!res.ok) throw new Error(`GET ${AUTH}/csrf answered ${res.status}`);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** next-auth answers `{}` for no session. */
function sessionOf(body: unknown): AppSession | null {
  return body && typeof body === 'object' && 'user' in body ? (body as AppSession) : null;
}

/** The session the server sees now: null when signed out. Throws when it cannot be asked (offline): that proves nothing. */
export async function readSession(): Promise<AppSession | null> {
  const res = await fetch(`${AUTH}/session`, { credentials: 'same-origin', cache: 'no-store' });
  if (!res.ok) throw new Error(`GET ${AUTH}/session answered ${res.status}`);
  return sessionOf(await res.json());
}

/**
 * Asks the server to issue the token again from the database (terms accepted, profile renamed): the
 * next page's first paint then knows. Null when it could not (offline, signed out).
 */
export async function refreshSession(): Promise<AppSession | null> {
  try {
    const res = await fetch(`${AUTH}/session`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ csrfToken: await csrfToken() }),
    });
    return res.ok ? sessionOf(await res.json()) : null;
  } catch {
    return null;
  }
}

/** Ends this browser's session on the server (its row is revoked, its streams close); throws when it could not be asked. */
export async function signOutOnServer(): Promise<void> {
  const res = await fetch(`${AUTH}/signout`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken: await csrfToken(), callbackUrl: window.location.href, json: 'true' }),
  });
  if (!res.ok) throw new Error(`POST ${AUTH}/signout answered ${res.status}`);
}

export interface SessionMessage {
  type: 'session-changed';
}

let channel: TabChannel<SessionMessage> | null = null;

/** One channel per tab: a tab does not hear its own messages. */
export function sessionChannel(): TabChannel<SessionMessage> {
  channel ??= openTabChannel<SessionMessage>('pos-session');
  return channel;
}

/** Tells this browser's other tabs that the session changed: each reads it again. */
export function announceSessionChange(): void {
  sessionChannel().post({ type: 'session-changed' });
}
