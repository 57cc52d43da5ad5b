import 'server-only';
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { SignupInput } from '@/lib/shared/schemas/profile';
import { writeChange } from '@/lib/server/platform/changes';
import { getDb } from '@/lib/server/platform/db/client';
import { users, type User } from '@/lib/server/platform/auth/schema';
import { conflict } from '@/lib/server/platform/errors';
import { burnPasswordCheck, hashPassword, verifyPassword } from '@/lib/server/platform/auth/password';

export type Role = User['role'];

function isUniqueViolation(err: unknown): boolean {
  const text = `${(err as { code?: string })?.code ?? ''} ${(err as Error)?.message ?? ''} ${(err as { cause?: Error })?.cause?.message ?? ''}`;
  return /UNIQUE constraint failed|SQLITE_CONSTRAINT/.test(text);
}

/** Creates an account (sign-up and the CLI). A taken email is a 409. */
export async function createUser(input: SignupInput & { role?: Role }): Promise<User> {
  const id = randomUUID();
  const passwordHash = await hashPassword(input.password);
  try {
    return await writeChange({ userId: id }, ['profile'], async ({ tx, now }) => {
      const taken = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get();
      if (taken) throw conflict('An account with this email already exists');
      const [row] = await tx
        .insert(users)
        .values({
          id,
          email: input.email,
          name: input.name,
          passwordHash,
          role: input.role ?? 'user',
          timezone: input.timezone,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('An account with this email already exists');
    throw err;
  }
}

/** The user for these credentials, or null; disabled accounts cannot sign in. */
export async function verifyCredentials(email: string, password: string): Promise<User | null> {
  const user = await getDb().select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
  if (!user) {
    await burnPasswordCheck(password);
    return null;
  }
  const ok = await verifyPassword(password, user.passwordHash);
  return ok && !user.disabledAt ? user : null;
}

export async function findUser(id: string): Promise<User | undefined> {
  return getDb().select().from(users).where(eq(users.id, id)).get();
}

export async function listUsers(): Promise<Omit<User, 'passwordHash'>[]> {
  const rows = await getDb().select().from(users).orderBy(asc(users.createdAt));
  return rows.map(({ passwordHash: _omit, ...rest }) => rest);
}
