import 'server-only';
import { eq } from 'drizzle-orm';
import type { PasswordChange, PasswordChanged } from '@/lib/shared/schemas/sessions';
import { users, type User } from '@/lib/server/platform/auth/schema';
import { loginLimit } from '@/lib/server/platform/auth/login-limit';
import { hashPassword, verifyPassword } from '@/lib/server/platform/auth/password';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { AppError, forbidden, notFound, unauthorized } from '@/lib/server/platform/errors';
import { findUser } from './users';
import { browserOnly, endAllSessions } from './sessions';

/**
 * The signed-in browser's user, once they have typed their password again. A wrong password counts
 * as a failed sign-in (the same per-account and per-IP limits), so a stolen open session cannot be
 * used to guess it; a right one clears the account's failures as a sign-in does.
 */
export async function confirmPassword(ctx: ServiceContext, password: string, ip: string): Promise<User> {
  browserOnly(ctx);
  const user = await findUser(ctx.userId);
  if (!user) throw unauthorized();
  const wait = loginLimit.retryAfter(user.email, ip);
  if (wait > 0) throw new AppError('rate_limited', `Too many wrong passwords. Try again in ${wait} s.`, undefined, { 'Retry-After': String(wait) });
  if (!(await verifyPassword(password, user.passwordHash))) {
    loginLimit.failed(user.email, ip);
    throw forbidden('That is not your current password');
  }
  loginLimit.succeeded(user.email);
  return user;
}

async function setPasswordHash(ctx: ServiceContext, passwordHash: string): Promise<void> {
  await writeChange(ctx, ['profile'], async ({ tx, now }) => {
    const [row] = await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, ctx.userId)).returning({ id: users.id });
    if (!row) throw notFound('User');
  });
}

/** POST /api/me/password: a new password; every other session of the account is signed out, this one stays. */
export async function changePassword(ctx: ServiceContext, input: PasswordChange, ip: string): Promise<PasswordChanged> {
  await confirmPassword(ctx, input.currentPassword, ip);
  await setPasswordHash(ctx, await hashPassword(input.newPassword));
  return { endedSessions: (await endAllSessions(ctx, ctx.sessionId)).length };
}

/** `npm run cli -- user:reset-password` for a self-hoster who lost theirs: every session ends. */
export async function resetPassword(userId: string, newPassword: string): Promise<number> {
  await setPasswordHash({ userId }, await hashPassword(newPassword));
  return (await endAllSessions({ userId })).length;
}
