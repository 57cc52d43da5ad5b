import { z } from 'zod';

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
