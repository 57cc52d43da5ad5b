import { expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import { createUser } from '@/lib/server/domains/account/users';
import { openSession } from '@/lib/server/platform/auth/sessions';
import { currentWriteSeq, readScopeVersions } from '@/lib/server/platform/changes';
import { getClient, getDb } from '@/lib/server/platform/db/client';
import { ensureDatabase } from '@/lib/server/platform/db/migrate';
import { CURRENT_TERMS } from '@/lib/shared/terms';

let counter = 0;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  cookie: string;
}

/** A new user with a signed session cookie, made without the UI (Epic Stack's login fixture). */
export async function createTestUser(overrides: { role?: 'user' | 'admin'; timezone?: string } = {}): Promise<TestUser> {
  await ensureDatabase();
  counter += 1;
  const email = `user${counter}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const password = 'a long test password';
  const user = await createUser({ email, password, name: `User ${counter}`, timezone: overrides.timezone ?? 'UTC', role: overrides.role });
  const sid = randomUUID();
  // A browser session is a JWT and a row (platform/auth/sessions.ts), as a sign-in makes them.
  await openSession(user.id, sid, null);
  const token = await encode({
    token: { sub: user.id, email, name: user.name, role: user.role, termsVersion: CURRENT_TERMS.version, sid },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  return { id: user.id, email, password, cookie: `next-auth.session-token=${token}` };
}

type Handler = (req: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  cookie?: string;
  headers?: Record<string, string>;
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  raw?: BodyInit;
  params?: Record<string, string>;
}

/** Calls a route handler the way Next does, with a real Request. */
export async function call(handler: Handler, path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set('cookie', options.cookie);
  let body: BodyInit | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const req = new Request(`http://localhost:3000${path}`, { method: options.method ?? 'GET', headers, body });
  return handler(req, { params: Promise.resolve(options.params ?? {}) });
}

/** Every row of every table, to prove a rejected request changed nothing. */
export async function snapshotDb(): Promise<string> {
  await ensureDatabase();
  const client = getClient();
  const tables = await client.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name");
  const parts: string[] = [];
  for (const row of tables.rows) {
    const name = String(row.name);
    const rows = await client.execute(`SELECT * FROM "${name}" ORDER BY 1`);
    parts.push(`${name}:${JSON.stringify(rows.rows)}`);
  }
  return parts.join('\n');
}

/** The user's scope versions, and their write sequence as `_seq` (a counter of its own since user_counters). */
export async function versionsOf(userId: string, scopes: readonly string[]): Promise<Record<string, number>> {
  const db = getDb();
  return {
    ...(await readScopeVersions(
      db,
      userId,
      scopes.filter((s) => s !== '_seq'),
    )),
    ...(scopes.includes('_seq') ? { _seq: await currentWriteSeq(db, userId) } : {}),
  };
}

/** A refusal: its status and the error code of its JSON body. */
export async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect((await res.json()).error.code).toBe(code);
}
