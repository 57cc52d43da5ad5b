import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { millis, syncedColumns } from '@/lib/server/platform/db/columns';

// Every table has the synced shape (native record sync, seed 002); `<table>_user_version_idx` serves
// `/api/v1/sync/download` paging.

export const books = sqliteTable(
  'books',
  {
    ...syncedColumns(),
    title: text('title').notNull(),
    author: text('author'),
    totalPages: integer('total_pages').notNull(),
    completedAt: millis('completed_at'),
  },
  (t) => [index('books_user_idx').on(t.userId), index('books_user_version_idx').on(t.userId, t.serverVersion)],
);

export const readingSessions = sqliteTable(
  'reading_sessions',
  {
    ...syncedColumns(),
    bookId: text('book_id').notNull(),
    pages: integer('pages').notNull(),
    minutes: integer('minutes').notNull(),
    readAt: millis('read_at').notNull(),
  },
  (t) => [index('reading_sessions_user_book_idx').on(t.userId, t.bookId), index('reading_sessions_user_version_idx').on(t.userId, t.serverVersion)],
);
