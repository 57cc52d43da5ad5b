import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One row per (user, scope): bumped inside every write's transaction. GET ETags are
 * derived from these rows, so a 304 reads one small row and never the data.
 */
export const scopeVersions = sqliteTable(
  'scope_versions',
  {
    userId: text('user_id').notNull(),
    scope: text('scope').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.scope] })],
);
