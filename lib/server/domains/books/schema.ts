import { index, integer, text } from 'drizzle-orm/sqlite-core';
import { millis, syncedTable } from '@/lib/server/platform/db/columns';

export const books = syncedTable(
  'books',
  {
    title: text('title').notNull(),
    author: text('author'),
    totalPages: integer('total_pages').notNull(),
    completedAt: millis('completed_at'),
  },
  (t) => [index('books_user_idx').on(t.userId)],
);

export const readingSessions = syncedTable(
  'reading_sessions',
  {
    bookId: text('book_id').notNull(),
    pages: integer('pages').notNull(),
    minutes: integer('minutes').notNull(),
    readAt: millis('read_at').notNull(),
  },
  (t) => [index('reading_sessions_user_book_idx').on(t.userId, t.bookId)],
);
