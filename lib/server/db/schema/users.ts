import { sqliteTable, text, uniqueIndex, integer, primaryKey } from 'drizzle-orm/sqlite-core';
import { millis } from './columns';

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
    disabledAt: millis('disabled_at'),
    createdAt: millis('created_at').notNull(),
    updatedAt: millis('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_idx').on(t.email)],
);

export const termsAcceptances = sqliteTable(
  'terms_acceptances',
  {
    userId: text('user_id').notNull(),
    version: integer('version').notNull(),
    acceptedAt: millis('accepted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.version] })],
);

export type User = typeof users.$inferSelect;
