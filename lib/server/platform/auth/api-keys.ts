import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { API_KEY_PATTERN } from '@/lib/shared/schemas/native';
import { getDb } from '@/lib/server/platform/db/client';
import { TOUCH_EVERY_MS } from '@/lib/server/platform/db/columns';
import { apiKeys, users } from './schema';

// Verifying a presented API key is the platform's (the principal of every request); making, listing
// and revoking keys is the devices-and-keys domain's (domains/devices/api-keys.ts).

// SHA-256 rather than scrypt: the secret is 256 random bits, so trying candidates against a
// leaked hash is hopeless however fast the hash is; a slow KDF only protects guessable secrets
// (passwords), and scrypt's 32 MiB per check would be paid on every API request.
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export interface ApiKeyOwner {
  userId: string;
  role: 'user' | 'admin';
  keyId: string;
  /** Records the use (at most once a minute); the caller runs it once the request has succeeded. */
  markUsed?: () => Promise<void>;
}

/** Who a presented key belongs to, or null when it is malformed, unknown, wrong, revoked or its user is disabled. */
export async function authenticateApiKey(key: string): Promise<ApiKeyOwner | null> {
  const match = API_KEY_PATTERN.exec(key);
  if (!match) return null;
  const [, id, secret] = match;
  const row = await getDb()
    .select({
      userId: apiKeys.userId,
      secretHash: apiKeys.secretHash,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
      role: users.role,
      disabledAt: users.disabledAt,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.id, id))
    .get();
  if (!row) return null;
  const stored = Buffer.from(row.secretHash, 'base64url');
  const presented = hashSecret(secret);
  if (stored.length !== presented.length || !timingSafeEqual(stored, presented)) return null;
  if (row.revokedAt !== null || row.disabledAt !== null) return null;
  const due = row.lastUsedAt === null || row.lastUsedAt <= Date.now() - TOUCH_EVERY_MS;
  return { userId: row.userId, role: row.role, keyId: id, markUsed: due ? () => touchApiKey(id, Date.now()) : undefined };
}

// Not through writeChange: a use is not a change of the user's data, and bumping a scope on every
// request would move ETags and wake the user's other devices. The WHERE keeps concurrent requests
// from writing twice in the same minute.
async function touchApiKey(id: string, now: number): Promise<void> {
  await getDb().transaction(async (tx) => {
    await tx
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, now - TOUCH_EVERY_MS + 1))));
  });
}
