import { expect } from 'vitest';
import { GET as getSessions } from '@/app/api/focus/sessions/route';
import { getClient } from '@/lib/server/platform/db/client';
import type { FocusSessionRecord } from '@/lib/shared/focus';
import { call, type TestUser } from './helpers';

const DAY = 24 * 3_600_000;

/** The user's ended sessions started in [from, to), a day either side of now unless told, through the route. */
export async function sessionsOf(user: TestUser, from = Date.now() - DAY, to = Date.now() + DAY): Promise<FocusSessionRecord[]> {
  const res = await call(getSessions, `/api/focus/sessions?from=${from}&to=${to}`, { cookie: user.cookie });
  expect(res.status).toBe(200);
  return res.json();
}

/** A focus session's row as stored, whoever owns it. */
export async function storedRow(id: string) {
  const { rows } = await getClient().execute({ sql: 'SELECT * FROM focus_sessions WHERE id = ?', args: [id] });
  return rows[0];
}
