import { randomUUID } from 'node:crypto';
import { decode, encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { POST as createKey } from '@/app/api/api-keys/route';
import { authOptions } from '@/lib/server/domains/account/auth-options';
import { openSession } from '@/lib/server/platform/auth/sessions';
import { GET as getMe, PATCH as patchMe } from '@/app/api/me/route';
import { getClient } from '@/lib/server/platform/db/client';
import { DELETE as endOthers, GET as listSessions } from '@/app/api/me/sessions/route';
import { DELETE as endOne } from '@/app/api/me/sessions/[id]/route';
import { CURRENT_TERMS } from '@/lib/shared/terms';
import { call, createTestUser, type TestUser } from './helpers';

// Sign-out ends the session on the server (the restraint issue, item 9): the same cookie stops
// working at once, as does a session signed out from another one, everywhere.

const ORIGIN = { origin: 'http://localhost:3000' };
const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** Another browser session of the same user (a second sign-in). */
async function anotherSession(user: TestUser): Promise<string> {
  const sid = randomUUID();
  await openSession(user.id, sid, CHROME_MAC);
  const token = await encode({
    token: { sub: user.id, email: user.email, role: 'user', termsVersion: CURRENT_TERMS.version, sid },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  return `next-auth.session-token=${token}`;
}

const me = (cookie: string) => call(getMe, '/api/me', { cookie });

/** The session id inside a test cookie. */
async function sidOf(cookie: string): Promise<string> {
  const jwt = await decode({ token: cookie.split('=')[1], secret: process.env.NEXTAUTH_SECRET! });
  return String(jwt?.sid);
}

describe('sessions end on the server', () => {
  it("after sign-out the same cookie answers 401, and next-auth's session check refuses it", async () => {
    const user = await createTestUser();
    expect((await me(user.cookie)).status).toBe(200);
    const options = authOptions();
    const token = { sub: user.id, sid: await sidOf(user.cookie) };
    // What next-auth runs on POST /api/auth/signout (the whole flow: e2e/api/sign-out.spec.ts).
    await options.events!.signOut!({ token, session: null as never });
    expect((await me(user.cookie)).status).toBe(401);
    await expect(options.callbacks!.jwt!({ token, user: undefined as never, account: null })).rejects.toThrow('signed out');
  });

  it('lists where the account is signed in, this session first and marked, with browser and system', async () => {
    const user = await createTestUser();
    const other = await anotherSession(user);
    expect((await me(other)).status).toBe(200);
    const res = await call(listSessions, '/api/me/sessions', { cookie: user.cookie, headers: { 'user-agent': CHROME_MAC } });
    const { sessions } = await res.json();
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({ current: true });
    expect(sessions[1]).toMatchObject({ current: false });
  });

  it('signs one other session out: it answers 401 at once, this one goes on', async () => {
    const user = await createTestUser();
    const other = await anotherSession(user);
    expect((await me(other)).status).toBe(200);
    const { sessions } = await (await call(listSessions, '/api/me/sessions', { cookie: user.cookie })).json();
    const target = sessions.find((s: { current: boolean }) => !s.current).id;
    const res = await call(endOne, `/api/me/sessions/${target}`, { method: 'DELETE', cookie: user.cookie, headers: ORIGIN, params: { id: target } });
    expect(await res.json()).toEqual({ ended: [target] });
    expect((await me(other)).status).toBe(401);
    expect((await me(user.cookie)).status).toBe(200);
  });

  it('"sign out everywhere else" ends every other session and keeps this one', async () => {
    const user = await createTestUser();
    const others = [await anotherSession(user), await anotherSession(user)];
    for (const c of others) expect((await me(c)).status).toBe(200);
    const res = await call(endOthers, '/api/me/sessions', { method: 'DELETE', cookie: user.cookie, headers: ORIGIN });
    expect((await res.json()).ended).toHaveLength(2);
    for (const c of others) expect((await me(c)).status).toBe(401);
    expect((await me(user.cookie)).status).toBe(200);
  });

  it("never ends another account's session (404), and an API key may not manage sessions (403)", async () => {
    const [a, b] = [await createTestUser(), await createTestUser()];
    const { sessions } = await (await call(listSessions, '/api/me/sessions', { cookie: b.cookie })).json();
    const res = await call(endOne, `/api/me/sessions/${sessions[0].id}`, {
      method: 'DELETE',
      cookie: a.cookie,
      headers: ORIGIN,
      params: { id: sessions[0].id },
    });
    expect(res.status).toBe(404);
    expect((await me(b.cookie)).status).toBe(200);
    const { key } = await (await call(createKey, '/api/api-keys', { method: 'POST', cookie: a.cookie, headers: ORIGIN, body: { label: 'cli' } })).json();
    expect((await call(listSessions, '/api/me/sessions', { headers: { authorization: `Bearer ${key}` } })).status).toBe(403);
    expect((await call(endOthers, '/api/me/sessions', { method: 'DELETE', headers: { authorization: `Bearer ${key}` } })).status).toBe(403);
  });

  it('ends nothing for an empty or malformed session id (404), however it is spelled', async () => {
    const user = await createTestUser();
    const other = await anotherSession(user);
    for (const id of ['', ' ', 'not-a-session']) {
      const res = await call(endOne, `/api/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE', cookie: user.cookie, headers: ORIGIN, params: { id } });
      expect(res.status).toBe(404);
    }
    expect((await me(other)).status).toBe(200);
    expect((await me(user.cookie)).status).toBe(200);
  });

  it('records "last seen" only for a request that succeeded: a refused one writes nothing', async () => {
    const user = await createTestUser();
    const sid = await sidOf(user.cookie);
    const longAgo = Date.now() - 10 * 60_000;
    await getClient().execute({ sql: 'UPDATE sessions SET last_seen_at = ? WHERE id = ?', args: [longAgo, sid] });
    const lastSeen = async () =>
      Number((await getClient().execute({ sql: 'SELECT last_seen_at FROM sessions WHERE id = ?', args: [sid] })).rows[0].last_seen_at);
    const refused = await call(patchMe, '/api/me', { method: 'PATCH', cookie: user.cookie, headers: ORIGIN, body: { name: '' } });
    expect(refused.status).toBe(400);
    expect(await lastSeen()).toBe(longAgo);
    expect((await me(user.cookie)).status).toBe(200);
    expect(await lastSeen()).toBeGreaterThan(longAgo);
  });

  it('a JWT issued without a session id is not accepted', async () => {
    const user = await createTestUser();
    const token = await encode({ token: { sub: user.id, role: 'user', termsVersion: CURRENT_TERMS.version }, secret: process.env.NEXTAUTH_SECRET! });
    expect((await me(`next-auth.session-token=${token}`)).status).toBe(401);
  });
});
