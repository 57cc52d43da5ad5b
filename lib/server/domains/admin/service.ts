import 'server-only';
import { changes } from '@/lib/server/platform/db/owned';
import { and, count, eq, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { ADMIN_USERS_PAGE, type AdminUser, type AdminUserList, type AdminUserPatch, type AdminUsersQuery, type SyncMetrics } from '@/lib/shared/schemas/admin';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { getDb } from '@/lib/server/platform/db/client';
import { ops } from '@/lib/server/platform/oplog/schema';
import { users, type User } from '@/lib/server/platform/auth/schema';
import { conflict, notFound } from '@/lib/server/platform/errors';
import { after, orderOf, Page, pageOf, pageSize, type KeyOrder } from '@/lib/server/platform/http/paging';
import { compactionStats } from '@/lib/server/platform/oplog/compaction';
import { getHub } from '@/lib/server/platform/realtime';
import { endedHint } from '@/lib/server/platform/realtime/revocation';

// Administration of the server (admins only: the routes use `auth: 'admin'`). Reads span users;
// a change to an account is a change of that user's profile, so it bumps *their* `profile` scope.

const isRecordId = (id: string) => z.guid().safeParse(id).success;

function toAdminUser(row: User): AdminUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    timezone: row.timezone,
    disabledAt: row.disabledAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** `q` as a LIKE pattern matching it anywhere, with LIKE's own wildcards taken literally. */
function containsPattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const USER_ORDER: KeyOrder = [
  [users.createdAt, 'desc'],
  [users.id, 'desc'],
];

/** Users newest first, filtered by part of their email or name, a page at a time (Link: rel="next"). */
export async function listUsersForAdmin(query: AdminUsersQuery): Promise<Page<AdminUserList>> {
  const db = getDb();
  let where: SQL | undefined;
  if (query.q) {
    const pattern = containsPattern(query.q);
    where = or(sql`lower(${users.email}) like ${pattern} escape '\\'`, sql`lower(${users.name}) like ${pattern} escape '\\'`);
  }
  const [read, matched, total] = await Promise.all([
    db
      .select()
      .from(users)
      .where(and(where, after(USER_ORDER, query.cursor)))
      .orderBy(...orderOf(USER_ORDER))
      .limit(pageSize(query, ADMIN_USERS_PAGE)),
    db.select({ n: count() }).from(users).where(where).get(),
    db.select({ n: count() }).from(users).get(),
  ]);
  const { rows, next } = pageOf(read, query, (r) => [r.createdAt, r.id], ADMIN_USERS_PAGE);
  return new Page({ users: rows.map(toAdminUser), matched: matched?.n ?? 0, total: total?.n ?? 0, ...(next ? { nextCursor: next } : {}) }, next);
}

/**
 * Changes a user's role or disables/enables the account. Admins cannot change their own account
 * here, so the server always keeps the admin who is acting. Disabling closes all the user's
 * realtime streams on every node (their sessions and keys stop working at once).
 */
export async function updateUserForAdmin(actor: ServiceContext, id: string, patch: AdminUserPatch): Promise<AdminUser> {
  if (!isRecordId(id)) throw notFound('User');
  // The change is the target's: their devices are nudged, and none of them is the source.
  return writeChange({ userId: id, deviceId: null }, ['profile'], async ({ tx, now, hints }) => {
    const target = await tx.select().from(users).where(eq(users.id, id)).get();
    if (!target) throw notFound('User');
    if (target.id === actor.userId) throw conflict('You cannot change your own role or disable your own account; ask another admin');
    const change: Partial<Pick<User, 'role' | 'disabledAt'>> = {};
    if (patch.role !== undefined) change.role = patch.role;
    if (patch.disabled !== undefined) change.disabledAt = patch.disabled ? (target.disabledAt ?? now) : null;
    if (!changes(target, change)) return toAdminUser(target);
    if (patch.disabled) hints.sessionEnded = endedHint({ kind: 'user' });
    const [row] = await tx
      .update(users)
      .set({ ...change, updatedAt: now })
      .where(eq(users.id, target.id))
      .returning();
    return toAdminUser(row);
  });
}

/** Live sync figures: SSE connections and compactions of this node, the op log and the users of the server. */
export async function syncMetrics(): Promise<SyncMetrics> {
  const db = getDb();
  const [opRows, userRows] = await Promise.all([
    db.select({ n: count() }).from(ops).get(),
    db
      .select({
        total: count(),
        admins: sql<number>`coalesce(sum(${users.role} = 'admin'), 0)`,
        disabled: sql<number>`coalesce(sum(${users.disabledAt} is not null), 0)`,
      })
      .from(users)
      .get(),
  ]);
  const { runs, pruned } = compactionStats();
  return {
    at: Date.now(),
    sseConnections: getHub().connectionCount(),
    opLog: { ops: opRows?.n ?? 0 },
    compaction: { runs, pruned },
    users: { total: userRows?.total ?? 0, admins: Number(userRows?.admins ?? 0), disabled: Number(userRows?.disabled ?? 0) },
  };
}
