import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { millis } from '@/lib/server/platform/db/columns';

/** Published terms versions; the newest is current and every user must accept it (admin publishes). */
export const termsVersions = sqliteTable('terms_versions', {
  version: integer('version').primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  publishedAt: millis('published_at').notNull(),
  publishedBy: text('published_by'),
});

export const termsAcceptances = sqliteTable(
  'terms_acceptances',
  {
    userId: text('user_id').notNull(),
    version: integer('version').notNull(),
    acceptedAt: millis('accepted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.version] })],
);
