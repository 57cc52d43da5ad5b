import 'server-only';
import Bowser from 'bowser';
import { desc, eq } from 'drizzle-orm';
import type { SessionList, SessionView } from '@/lib/shared/schemas/sessions';
import { sessions } from '@/lib/server/platform/auth/schema';
import { revokeSessions } from '@/lib/server/platform/auth/sessions';
import { publishCredentialEnded, writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { getDb } from '@/lib/server/platform/db/client';
import { forbidden, notFound } from '@/lib/server/platform/errors';
import { MINUTE_MS, read } from '@/lib/server/platform/http/read';

// Where one is signed in: the browser sessions of the account (platform/auth/sessions.ts keeps the
// rows the principal checks). Listed and ended from a signed-in browser only: a leaked API key must
// not be able to end the owner's sessions. Their changes move the `devices` scope (Settings).

type SessionRow = typeof sessions.$inferSelect;

/** "Chrome 131 on macOS", from the User-Agent at sign-in. */
function describe(userAgent: string | null): { browser: string; os: string } {
  if (!userAgent) return { browser: 'Unknown browser', os: 'unknown system' };
  const parsed = Bowser.parse(userAgent);
  const major = parsed.browser.version?.split('.')[0];
  return { browser: [parsed.browser.name ?? 'Unknown browser', major].filter(Boolean).join(' '), os: parsed.os.name ?? 'unknown system' };
}

function toView(row: SessionRow, current: string | undefined): SessionView {
  return { id: row.id, ...describe(row.userAgent), createdAt: row.createdAt, lastSeenAt: row.lastSeenAt, current: row.id === current };
}

export function browserOnly(ctx: ServiceContext): ServiceContext {
  if (ctx.via !== 'session') throw forbidden('Sessions are managed from a signed-in browser, not with an API key');
  return ctx;
}

/** GET /api/me/sessions: the live sessions, the current one first, then the most recently seen. */
export const listSessions = read<SessionList>(
  (ctx) => ({ scopes: ['devices'], everyMs: MINUTE_MS, key: browserOnly(ctx).sessionId }),
  async (ctx) => {
    const rows = await getDb()
      .select()
      .from(sessions)
      .where(eq(sessions.userId, browserOnly(ctx).userId))
      .orderBy(desc(sessions.lastSeenAt), desc(sessions.id));
    const live = rows.filter((r) => r.revokedAt === null).map((r) => toView(r, ctx.sessionId));
    return { sessions: [...live.filter((s) => s.current), ...live.filter((s) => !s.current)] };
  },
);

async function end(ctx: ServiceContext, which: { only?: string; except?: string }): Promise<string[]> {
  const ended = await writeChange(ctx, ['devices'], (w) => revokeSessions(w.tx, ctx.userId, w.now, which));
  // Each ended session's realtime streams close on every node, and every node forgets it was live.
  for (const id of ended) await publishCredentialEnded(ctx.userId, { kind: 'session', id });
  return ended;
}

/** Signs one session out on the server (sign-out itself, or "Sign out" on a session in the list). */
export async function endSession(ctx: ServiceContext, sessionId: string): Promise<{ ended: string[] }> {
  return { ended: await end(ctx, { only: sessionId }) };
}

/** DELETE /api/me/sessions/[id]: 404 for a session that is not the caller's live one. */
export async function endOwnSession(ctx: ServiceContext, sessionId: string): Promise<{ ended: string[] }> {
  const ended = await end(browserOnly(ctx), { only: sessionId });
  if (ended.length === 0) throw notFound('Session');
  return { ended };
}

/** DELETE /api/me/sessions: every session but the caller's ("sign out everywhere else"). */
export async function endOtherSessions(ctx: ServiceContext): Promise<{ ended: string[] }> {
  return { ended: await end(browserOnly(ctx), { except: ctx.sessionId }) };
}

/** Every session of the user, this one included (a password change keeps this one: `except`). */
export async function endAllSessions(ctx: ServiceContext, except?: string): Promise<string[]> {
  return end(ctx, { except });
}
