import { z } from 'zod';
import { passwordSchema } from './profile';

/** One browser session of the account, as Settings lists it. */
export const sessionViewSchema = z.object({
  id: z.string(),
  browser: z.string().describe('Browser and major version, from the User-Agent at sign-in, e.g. "Chrome 131".'),
  os: z.string().describe('Operating system, e.g. "macOS".'),
  createdAt: z.number().int().describe('When it signed in (ms since the epoch).'),
  lastSeenAt: z.number().int().describe('Last request, kept to the minute.'),
  current: z.boolean().describe('The session making this request.'),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const sessionListSchema = z.object({ sessions: z.array(sessionViewSchema) });
export type SessionList = z.infer<typeof sessionListSchema>;

export const sessionsEndedSchema = z.object({ ended: z.array(z.string()).describe('The sessions signed out.') });

/** What the password of the account must be re-entered as (no password is longer than sign-up allows). */
const currentPassword = z.string().min(1, 'Enter your current password').max(200, 'Use at most 200 characters');

/** POST /api/me/password: the new password follows sign-up's rules; every other session ends. */
export const passwordChangeSchema = z.strictObject({ currentPassword, newPassword: passwordSchema });
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

/** DELETE /api/me: the account and everything in it go, confirmed with the password. */
export const accountDeleteSchema = z.strictObject({ password: currentPassword });
export type AccountDelete = z.infer<typeof accountDeleteSchema>;

export const passwordChangedSchema = z.object({ endedSessions: z.number().int().describe('Other sessions signed out by the change.') });
export type PasswordChanged = z.infer<typeof passwordChangedSchema>;

export const accountDeletedSchema = z.object({ deleted: z.literal(true) });
