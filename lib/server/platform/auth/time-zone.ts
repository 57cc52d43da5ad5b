import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/lib/server/platform/db/client';
import { users } from './schema';

/** The user's time zone, which decides their "today"; UTC for a user not (or no longer) there. Inside a write or outside one. */
export async function timeZoneOf(db: Db | Tx, userId: string): Promise<string> {
  const row = await db.select({ timezone: users.timezone }).from(users).where(eq(users.id, userId)).get();
  return row?.timezone ?? 'UTC';
}
