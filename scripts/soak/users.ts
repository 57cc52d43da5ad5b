// The soak's users: signed up through the API, a browser session made the way bench/sse makes
// one (a next-auth JWT under the server's secret, no password round trips), and one API key each.
import { randomUUID } from 'node:crypto';
import { encode } from 'next-auth/jwt';
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

export async function createUser(base: string, traffic: Traffic, secret: string, index: number, run: string): Promise<SoakUser> {
  const signup = await traffic.fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `soak-${run}-${index}@example.test`, password: `soak password ${run}`, name: `Soak ${index}`, timezone: 'UTC' }),
  });
  const { id } = (await (await expectStatus(signup, 'sign-up', 201)).json()) as { id: string };
  const token = await encode({ token: { sub: id, sid: randomUUID(), role: 'user', termsVersion: 1 }, secret });
  const cookie = `next-auth.session-token=${token}`;
  const key = await traffic.fetch(`${base}/api/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: base },
    body: JSON.stringify({ label: 'soak' }),
  });
  const { key: apiKey } = (await (await expectStatus(key, 'API key', 201)).json()) as { key: string };
  return { index, id, cookie, apiKey };
}
