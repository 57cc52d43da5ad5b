import 'server-only';
import { changes } from '@/lib/server/platform/db/owned';
import { read } from '@/lib/server/platform/http/read';
import { and, eq } from 'drizzle-orm';
import type { Profile, ProfilePatch, Theme } from '@/lib/shared/schemas/profile';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { getDb } from '@/lib/server/platform/db/client';
import { users, type User } from '@/lib/server/platform/auth/schema';
import { notFound } from '@/lib/server/platform/errors';

function toProfile(u: User): Profile {
  return { id: u.id, email: u.email, name: u.name, role: u.role, timezone: u.timezone, theme: u.theme, createdAt: u.createdAt, updatedAt: u.updatedAt };
}

/** The user's theme for the server render of <html>, so the first paint is already in it. */
export async function getTheme(userId: string): Promise<Theme> {
  const row = await getDb().select({ theme: users.theme }).from(users).where(eq(users.id, userId)).get();
  return row?.theme ?? 'system';
}

export const getProfile = read<Profile>({ scopes: ['profile'] }, async (ctx) => {
  const user = await getDb().select().from(users).where(eq(users.id, ctx.userId)).get();
  if (!user) throw notFound('Profile');
  return toProfile(user);
});

export async function updateProfile(ctx: ServiceContext, patch: ProfilePatch): Promise<Profile> {
  return writeChange(ctx, ['profile'], async ({ tx, now }) => {
    const current = await tx.select().from(users).where(eq(users.id, ctx.userId)).get();
    if (!current) throw notFound('Profile');
    if (!changes(current, patch)) return toProfile(current);
    const [row] = await tx
      .update(users)
      .set({ ...patch, updatedAt: now })
      .where(and(eq(users.id, ctx.userId)))
      .returning();
    if (!row) throw notFound('Profile');
    return toProfile(row);
  });
}
