// The soak's users: signed up through the API, signed in as a browser is (next-auth's credentials
// endpoint), and one API key each.
import { signInCookie } from '../sign-in.mjs';
import { expectStatus } from './device';
import type { Traffic } from './traffic';

export interface SoakUser {
  index: number;
  id: string;
  /** The session cookie of a signed-in browser. */
  cookie: string;
  /** `pos_…`, for the native clients. */
  apiKey: string;
}

export async function createUser(base: string, traffic: Traffic, index: number, run: string): Promise<SoakUser> {
  const signup = await traffic.fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `soak-${run}-${index}@example.test`, password: `soak password ${run}`, name: `Soak ${index}`, timezone: 'UTC' }),
  });
  const { id } = (await (await expectStatus(signup, 'sign-up', 201)).json()) as { id: string };
  const cookie = await signInCookie(base, `soak-${run}-${index}@example.test`, `soak password ${run}`);
  const key = await traffic.fetch(`${base}/api/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: base },
    body: JSON.stringify({ label: 'soak' }),
  });
  const { key: apiKey } = (await (await expectStatus(key, 'API key', 201)).json()) as { key: string };
  return { index, id, cookie, apiKey };
}
