import 'server-only';
import { changes } from '@/lib/server/platform/db/owned';
import { read } from '@/lib/server/platform/http/read';
import { eq, sql } from 'drizzle-orm';
import type { Profile, ProfilePatch, Theme } from '@/lib/shared/schemas/profile';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { getDb } from '@/lib/server/platform/db/client';
import { users } from '@/lib/server/platform/auth/schema';
import { notFound } from '@/lib/server/platform/errors';

/**
 * A profile's columns under the API's names. Plain SQL text: every PATCH /api/me runs it twice, and
 * drizzle's builder allocated more per call than the rest of the write (decisions 056, 067).
 */
const PROFILE_COLUMNS = sql.raw('id, email, name, role, timezone, theme, created_at as "createdAt", updated_at as "updatedAt"');

/** The row as the API shows it: exactly the profile's fields, whatever else the driver's row carries. */
function toProfile(u: Profile): Profile {
  return { id: u.id, email: u.email, name: u.name, role: u.role, timezone: u.timezone, theme: u.theme, createdAt: u.createdAt, updatedAt: u.updatedAt };
}

/** The user's theme for the server render of <html>, so the first paint is already in it. */
export async function getTheme(userId: string): Promise<Theme> {
  const row = await getDb().select({ theme: users.theme }).from(users).where(eq(users.id, userId)).get();
  return row?.theme ?? 'system';
}

export const getProfile = read<Profile>({ scopes: ['profile'] }, async (ctx) => {
  const user = await getDb().get<Profile | undefined>(sql`select ${PROFILE_COLUMNS} from users where id = ${ctx.userId}`);
  if (!user) throw notFound('Profile');
  return toProfile(user);
});

export async function updateProfile(ctx: ServiceContext, patch: ProfilePatch): Promise<Profile> {
  return writeChange(ctx, ['profile'], async ({ tx, now }) => {
    const current = await tx.get<Profile | undefined>(sql`select ${PROFILE_COLUMNS} from users where id = ${ctx.userId}`);
    if (!current) throw notFound('Profile');
    if (!changes(current, patch)) return toProfile(current);
    // Each field the patch leaves out keeps its value (none of them may be null).
    const row = await tx.get<Profile | undefined>(sql`update users set
        name = coalesce(${patch.name ?? null}, name),
        timezone = coalesce(${patch.timezone ?? null}, timezone),
        theme = coalesce(${patch.theme ?? null}, theme),
        updated_at = ${now}
      where id = ${ctx.userId} returning ${PROFILE_COLUMNS}`);
    if (!row) throw notFound('Profile');
    return toProfile(row);
  });
}
