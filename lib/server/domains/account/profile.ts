import 'server-only';
import { changes } from '@/lib/server/platform/db/owned';
import { read } from '@/lib/server/platform/http/read';
import { eq } from 'drizzle-orm';
import type { Profile, ProfilePatch, Theme } from '@/lib/shared/schemas/profile';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { getDb } from '@/lib/server/platform/db/client';
import { sqlValues } from '@/lib/server/platform/db/statements';
import { users } from '@/lib/server/platform/auth/schema';
import { notFound } from '@/lib/server/platform/errors';

/**
 * A profile's columns, in `toProfile`'s order. Plain SQL text: every PATCH /api/me runs it twice, and
 * drizzle's builder allocated more per call than the rest of the write (decisions 056, 067, 070).
 */
const PROFILE_COLUMNS = 'id, email, name, role, timezone, theme, created_at, updated_at';
type ProfileRow = [string, string, string, Profile['role'], string, Theme, number, number];

/** The row as the API shows it: exactly the profile's fields (a driver's row is indexed, not iterable). */
function toProfile(r: ProfileRow): Profile {
  return { id: r[0], email: r[1], name: r[2], role: r[3], timezone: r[4], theme: r[5], createdAt: Number(r[6]), updatedAt: Number(r[7]) };
}

/** The user's theme for the server render of <html>, so the first paint is already in it. */
export async function getTheme(userId: string): Promise<Theme> {
  const row = await getDb().select({ theme: users.theme }).from(users).where(eq(users.id, userId)).get();
  return row?.theme ?? 'system';
}

export const getProfile = read<Profile>({ scopes: ['profile'] }, async (ctx) => {
  const [user] = await sqlValues<ProfileRow>(getDb(), `select ${PROFILE_COLUMNS} from users where id = ?`, [ctx.userId]);
  if (!user) throw notFound('Profile');
  return toProfile(user);
});

export async function updateProfile(ctx: ServiceContext, patch: ProfilePatch): Promise<Profile> {
  return writeChange(ctx, ['profile'], async ({ tx, now }) => {
    const [found] = await sqlValues<ProfileRow>(tx, `select ${PROFILE_COLUMNS} from users where id = ?`, [ctx.userId]);
    if (!found) throw notFound('Profile');
    const current = toProfile(found);
    if (!changes(current, patch)) return current;
    // Each field the patch leaves out keeps its value (none of them may be null).
    const [row] = await sqlValues<ProfileRow>(
      tx,
      `update users set name = coalesce(?, name), timezone = coalesce(?, timezone), theme = coalesce(?, theme), updated_at = ?
      where id = ? returning ${PROFILE_COLUMNS}`,
      [patch.name ?? null, patch.timezone ?? null, patch.theme ?? null, now, ctx.userId],
    );
    if (!row) throw notFound('Profile');
    return toProfile(row);
  });
}
