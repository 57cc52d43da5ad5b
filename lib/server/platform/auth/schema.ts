import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { millis } from '@/lib/server/platform/db/columns';

// Identity: who may sign in and with which credentials. The principal (principal.ts) reads them on
// every request; the account and keys domains manage them through their own services.

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['user', 'admin'] })
      .notNull()
      .default('user'),
    timezone: text('timezone').notNull().default('UTC'),
    theme: text('theme', { enum: ['system', 'light', 'dark'] })
      .notNull()
      .default('system'),
    disabledAt: millis('disabled_at'),
    createdAt: millis('created_at').notNull(),
    updatedAt: millis('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_idx').on(t.email)],
);

export type User = typeof users.$inferSelect;

/** API keys for native clients: `pos_<id>_<secret>`; only a hash of the secret is stored. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    label: text('label').notNull(),
    /** What the user sees to recognise the key, e.g. `pos_3f9a…`. */
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    createdAt: millis('created_at').notNull(),
    lastUsedAt: millis('last_used_at'),
    revokedAt: millis('revoked_at'),
  },
  (t) => [index('api_keys_user_idx').on(t.userId)],
);

/**
 * Browser sessions: one row per sign-in (the JWT's `sid`). A session is valid while its JWT is and
 * its row is not revoked; the principal checks the row (cached briefly, evicted on revocation).
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    userAgent: text('user_agent'),
    createdAt: millis('created_at').notNull(),
    /** Kept to the minute: written at most once a minute per session. */
    lastSeenAt: millis('last_seen_at').notNull(),
    revokedAt: millis('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
