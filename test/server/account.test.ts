import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { getTableName } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { DELETE as deleteUser } from '@/app/api/admin/users/[id]/route';
import { POST as createKey } from '@/app/api/api-keys/route';
import { POST as publishTerms } from '@/app/api/admin/terms/route';
import { POST as changePasswordRoute } from '@/app/api/me/password/route';
import { DELETE as deleteMe, GET as getMe } from '@/app/api/me/route';
import { POST as generatePlan } from '@/app/api/plan/today/generate/route';
import { OWNED_TABLES } from '@/lib/server/domains/account/erase';
import { compactUser } from '@/lib/server/platform/oplog/compaction';
import { openSession } from '@/lib/server/platform/auth/sessions';
import { verifyPassword } from '@/lib/server/platform/auth/password';
import { getClient } from '@/lib/server/platform/db/client';
import { CURRENT_TERMS } from '@/lib/shared/terms';
import { seeded } from './everything';
import { call, createTestUser, snapshotDb, type TestUser } from './helpers';

// Issue 17: the account is the user's. Deleting it leaves no row that mentions it — in any table,
// found from the database's own catalogue, so a table added later without its delete fails here —
// and a password change ends every other session. Neither may be done with an API key, from another
// site, or without the current password.

const ORIGIN = { origin: 'http://localhost:3000' };
const CROSS_SITE = { origin: 'https://evil.example' };

/** Another browser session of the same user (a second sign-in). */
async function anotherSession(user: { id: string; email: string }): Promise<string> {
  const sid = randomUUID();
  await openSession(user.id, sid, null);
  const token = await encode({
    token: { sub: user.id, email: user.email, role: 'user', termsVersion: CURRENT_TERMS.version, sid },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  return `next-auth.session-token=${token}`;
}

/** Every table, and every column of it, that holds `needle` anywhere in its text (JSON payloads included). */
async function tablesMentioning(needle: string): Promise<string[]> {
  const client = getClient();
  const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  const found: string[] = [];
  for (const { name } of tables.rows) {
    const columns = await client.execute(`SELECT name FROM pragma_table_info('${String(name)}')`);
    for (const { name: column } of columns.rows) {
      const { rows } = await client.execute({
        sql: `SELECT count(*) AS n FROM "${String(name)}" WHERE instr(CAST("${String(column)}" AS TEXT), ?) > 0`,
        args: [needle],
      });
      if (Number(rows[0].n) > 0) found.push(`${String(name)}.${String(column)}`);
    }
  }
  return found;
}

/** The rows of every table that mention `needle`, to prove another account's data stayed as it was. */
async function rowsMentioning(needle: string): Promise<string> {
  const client = getClient();
  const parts: string[] = [];
  for (const at of await tablesMentioning(needle)) {
    const [table, column] = at.split('.');
    const { rows } = await client.execute({ sql: `SELECT * FROM "${table}" WHERE instr(CAST("${column}" AS TEXT), ?) > 0 ORDER BY 1`, args: [needle] });
    parts.push(`${at}:${JSON.stringify(rows)}`);
  }
  return parts.join('\n');
}

const me = (cookie: string) => call(getMe, '/api/me', { cookie });
const meWithKey = (key: string) => call(getMe, '/api/me', { headers: { authorization: `Bearer ${key}` } });

async function newKey(user: TestUser): Promise<string> {
  const res = await call(createKey, '/api/api-keys', { method: 'POST', cookie: user.cookie, headers: ORIGIN, body: { label: 'CLI' } });
  expect(res.status).toBe(201);
  return (await res.json()).key;
}

const deleteAccount = (cookie: string, password: string, headers: Record<string, string> = ORIGIN) =>
  call(deleteMe, '/api/me', { method: 'DELETE', cookie, headers, body: { password } });

const changePassword = (cookie: string, body: unknown, headers: Record<string, string> = ORIGIN) =>
  call(changePasswordRoute, '/api/me/password', { method: 'POST', cookie, headers, body });

async function passwordHashOf(userId: string): Promise<string> {
  const { rows } = await getClient().execute({ sql: 'SELECT password_hash FROM users WHERE id = ?', args: [userId] });
  return String(rows[0].password_hash);
}

describe('DELETE /api/me: the account and everything in it', () => {
  it('leaves no row that mentions the user in any table, ends its key and sessions at once, and touches no other account', async () => {
    const [alice, bob] = [await seeded('alice'), await seeded('bob')];
    await call(generatePlan, '/api/plan/today/generate', { method: 'POST', cookie: alice.cookie, headers: ORIGIN, body: { focusGoalMinutes: 30 } });
    // Snapshots of the op log, as compaction leaves them.
    await compactUser(alice.id);
    const key = await newKey(alice);
    const elsewhere = await anotherSession(alice);
    expect((await me(elsewhere)).status).toBe(200);
    // The seeded account really is everywhere: identity, every record domain, the op log, devices and push.
    const before = await tablesMentioning(alice.id);
    expect(before.length).toBeGreaterThan(20);
    for (const table of OWNED_TABLES.map(getTableName)) {
      expect(
        before.some((at) => at.startsWith(`${table}.`)),
        `${table} holds no row of the seeded user: seed it in test/server/everything.ts`,
      ).toBe(true);
    }
    const bobsRows = await rowsMentioning(bob.id);

    const res = await deleteAccount(alice.cookie, alice.password);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: true });
    expect(res.headers.get('set-cookie')).toMatch(/^next-auth\.session-token=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax/);

    expect(await tablesMentioning(alice.id)).toEqual([]);
    expect(await tablesMentioning(alice.email)).toEqual([]);
    expect(await tablesMentioning(alice.marker)).toEqual([]);
    for (const cookie of [alice.cookie, elsewhere]) expect((await me(cookie)).status).toBe(401);
    expect((await meWithKey(key)).status).toBe(401);
    expect(await rowsMentioning(bob.id)).toBe(bobsRows);
    expect((await me(bob.cookie)).status).toBe(200);
  });

  it('refuses a wrong password (403, nothing changed) and counts it like a failed sign-in (429 with Retry-After)', async () => {
    const user = await createTestUser();
    const before = await snapshotDb();
    const wrong = await deleteAccount(user.cookie, 'not my password');
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error).toMatchObject({ code: 'forbidden', message: 'That is not your current password' });
    expect(await snapshotDb()).toBe(before);
    // Five failures per account in the window (LOGIN_MAX_FAILURES_PER_ACCOUNT): then even the right one waits.
    for (let i = 0; i < 4; i++) expect((await deleteAccount(user.cookie, `guess ${i}`)).status).toBe(403);
    const limited = await deleteAccount(user.cookie, user.password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await me(user.cookie)).status).toBe(200);
  });

  it('refuses an API key, a cross-site request and a body that is not {password}, changing nothing', async () => {
    const user = await createTestUser();
    const key = await newKey(user);
    const before = await snapshotDb();
    const withKey = await call(deleteMe, '/api/me', { method: 'DELETE', headers: { authorization: `Bearer ${key}` }, body: { password: user.password } });
    expect(withKey.status).toBe(403);
    expect((await deleteAccount(user.cookie, user.password, CROSS_SITE)).status).toBe(403);
    for (const body of [{}, { password: '' }, { password: user.password, extra: 1 }, { password: 42 }]) {
      const res = await call(deleteMe, '/api/me', { method: 'DELETE', cookie: user.cookie, headers: ORIGIN, body });
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('validation_failed');
    }
    expect(await snapshotDb()).toBe(before);
  });

  it('keeps the server an admin: the only admin cannot delete their own account (409); once another is admin they can, and the terms they published stay', async () => {
    const { rows } = await getClient().execute("SELECT id FROM users WHERE role = 'admin'");
    for (const { id } of rows) await getClient().execute({ sql: "UPDATE users SET role = 'user' WHERE id = ?", args: [id] });
    const admin = await createTestUser({ role: 'admin' });
    const published = await call(publishTerms, '/api/admin/terms', {
      method: 'POST',
      cookie: admin.cookie,
      headers: ORIGIN,
      body: { title: 'House rules', body: 'Be kind.' },
    });
    expect(published.status).toBeLessThan(300);
    const refused = await deleteAccount(admin.cookie, admin.password);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/only admin/);

    await createTestUser({ role: 'admin' });
    expect((await deleteAccount(admin.cookie, admin.password)).status).toBe(200);
    expect(await tablesMentioning(admin.id)).toEqual([]);
    const terms = await getClient().execute({ sql: 'SELECT title, published_by FROM terms_versions WHERE title = ?', args: ['House rules'] });
    expect(terms.rows).toEqual([expect.objectContaining({ title: 'House rules', published_by: null })]);
  });
});

describe('DELETE /api/admin/users/{id}', () => {
  it("deletes another user's account as completely, but never the admin's own (409) nor an unknown one (404)", async () => {
    const admin = await createTestUser({ role: 'admin' });
    const target = await seeded('target');
    const del = (id: string) => call(deleteUser, `/api/admin/users/${id}`, { method: 'DELETE', cookie: admin.cookie, headers: ORIGIN, params: { id } });
    const res = await del(target.id);
    expect(res.status).toBe(200);
    expect(await tablesMentioning(target.id)).toEqual([]);
    expect((await me(target.cookie)).status).toBe(401);
    expect((await del(target.id)).status).toBe(404);
    expect((await del(admin.id)).status).toBe(409);
    const plain = await createTestUser();
    const byUser = await call(deleteUser, `/api/admin/users/${admin.id}`, {
      method: 'DELETE',
      cookie: plain.cookie,
      headers: ORIGIN,
      params: { id: admin.id },
    });
    expect(byUser.status).toBe(403);
    expect((await me(admin.cookie)).status).toBe(200);
  });
});

describe('POST /api/me/password', () => {
  it('sets the new password, signs every other session out and keeps this one', async () => {
    const user = await createTestUser();
    const others = [await anotherSession(user), await anotherSession(user)];
    const res = await changePassword(user.cookie, { currentPassword: user.password, newPassword: 'a brand new passphrase' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ endedSessions: 2 });
    for (const cookie of others) expect((await me(cookie)).status).toBe(401);
    expect((await me(user.cookie)).status).toBe(200);
    const hash = await passwordHashOf(user.id);
    expect(await verifyPassword('a brand new passphrase', hash)).toBe(true);
    expect(await verifyPassword(user.password, hash)).toBe(false);
  });

  it('refuses a wrong current password (403), a new one sign-up would refuse (400), an API key and a cross-site request — changing nothing', async () => {
    const user = await createTestUser();
    const other = await anotherSession(user);
    const key = await newKey(user);
    const before = await snapshotDb();
    const wrong = await changePassword(user.cookie, { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error.message).toBe('That is not your current password');
    const weak = await changePassword(user.cookie, { currentPassword: user.password, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.issues[0].path).toEqual(['newPassword']);
    const withKey = await call(changePasswordRoute, '/api/me/password', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: { currentPassword: user.password, newPassword: 'a brand new passphrase' },
    });
    expect(withKey.status).toBe(403);
    expect((await changePassword(user.cookie, { currentPassword: user.password, newPassword: 'a brand new passphrase' }, CROSS_SITE)).status).toBe(403);
    // The failed attempt above counted as a failed sign-in; nothing else was written.
    expect(await snapshotDb()).toBe(before);
    expect((await me(other)).status).toBe(200);
  });
});

describe('npm run cli -- user:reset-password', () => {
  it('sets a new password read from stdin and signs every session out', { timeout: 120_000 }, async () => {
    const user = await createTestUser();
    const result = spawnSync(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'scripts/cli.ts', 'user:reset-password', '--email', user.email],
      { encoding: 'utf8', timeout: 60_000, input: 'a password from stdin\n', env: { ...process.env, LOG_LEVEL: 'silent' } },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('password changed; 1 session(s) signed out');
    expect(await verifyPassword('a password from stdin', await passwordHashOf(user.id))).toBe(true);
    expect((await me(user.cookie)).status).toBe(401);
  });
});
