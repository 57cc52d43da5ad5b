import 'server-only';
import { eq, getTableColumns, is, type Column } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '@/lib/server/schema';
import type { AccountDelete } from '@/lib/shared/schemas/sessions';
import { users } from '@/lib/server/platform/auth/schema';
import { revokeSessions } from '@/lib/server/platform/auth/sessions';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { getDb } from '@/lib/server/platform/db/client';
import { forgetDocument } from '@/lib/server/platform/oplog/documents';
import { endedHint } from '@/lib/server/platform/realtime/revocation';
import { conflict, notFound } from '@/lib/server/platform/errors';
import { termsVersions } from '@/lib/server/domains/terms/schema';
import { confirmPassword } from './password';

type OwnedTable = SQLiteTable & { userId: Column };

/**
 * Every table that holds a user's rows, found by its `user_id` column rather than listed: a table
 * added later is erased with the account without anyone remembering to add it here (decision 029).
 */
export const OWNED_TABLES: readonly OwnedTable[] = (Object.values(schema) as unknown[]).filter(
  (t): t is OwnedTable => is(t, SQLiteTable) && 'userId' in getTableColumns(t),
);

/**
 * Removes the account and every row of it in one transaction: the op log and its snapshots, keys,
 * sessions, push tokens, everything. Its realtime streams close on every node, the terms versions
 * it published keep their text but no longer name it, and the account row goes last.
 */
async function erase(userId: string): Promise<void> {
  await writeChange({ userId, deviceId: null }, ['profile'], async ({ tx, now, hints }) => {
    const account = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).get();
    if (!account) throw notFound('User');
    hints.sessionEnded = endedHint({ kind: 'user' });
    // Forgets each session's "still live" memo on this node before its row goes.
    await revokeSessions(tx, userId, now);
    for (const table of OWNED_TABLES) await tx.delete(table).where(eq(table.userId, userId));
    await tx.update(termsVersions).set({ publishedBy: null }).where(eq(termsVersions.publishedBy, userId));
    await tx.delete(users).where(eq(users.id, userId));
  });
  forgetDocument(userId);
}

async function assertNotLastAdmin(userId: string): Promise<void> {
  const admins = await getDb().select({ id: users.id }).from(users).where(eq(users.role, 'admin'));
  if (admins.length === 1 && admins[0].id === userId) {
    throw conflict('You are the only admin: make another account admin first, so the server keeps one');
  }
}

/** DELETE /api/me: the signed-in browser deletes its own account, confirmed with the password. */
export async function deleteOwnAccount(ctx: ServiceContext, input: AccountDelete, ip: string): Promise<{ deleted: true }> {
  const user = await confirmPassword(ctx, input.password, ip);
  if (user.role === 'admin') await assertNotLastAdmin(user.id);
  await erase(user.id);
  return { deleted: true };
}

/** DELETE /api/admin/users/[id]: as complete as deleting one's own; an admin deletes their own in Settings. */
export async function deleteUserForAdmin(actor: ServiceContext, id: string): Promise<{ deleted: true }> {
  if (id === actor.userId) throw conflict('Delete your own account in Settings, with your password');
  await erase(id);
  return { deleted: true };
}
