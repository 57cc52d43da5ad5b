import 'server-only';
import type { PageQuery } from '@/lib/shared/schemas/fields';
import { Page } from '@/lib/server/platform/http/paging';
import { read } from '@/lib/server/platform/http/read';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { localDay, startOfDay } from '@/lib/shared/days';
import type { Book, BookCreateInput, BookDeleted, BookList, BookPatchInput, ReadingSessionInput, ReadingSessionLogged } from '@/lib/shared/schemas/books';
import { writeChange, type ServiceContext, type WriteScope } from '@/lib/server/platform/changes';
import { getDb, type Db, type Tx } from '@/lib/server/platform/db/client';
import { ownedRecords, tombstone } from '@/lib/server/platform/db/owned';
import { books, readingSessions } from './schema';
import { timeZoneOf } from '@/lib/server/platform/auth/time-zone';
import { badRequest, conflict } from '@/lib/server/platform/errors';

type BookRow = typeof books.$inferSelect;

interface ReadingTotals {
  pages: number;
  minutes: number;
  sessions: number;
  lastReadAt: number | null;
}

const NO_READING: ReadingTotals = { pages: 0, minutes: 0, sessions: 0, lastReadAt: null };
/** A past day's session is placed at local noon, well inside the day whatever DST does. */
const NOON_MS = 12 * 3600_000;

function toBook(row: BookRow, totals: ReadingTotals): Book {
  const pagesRead = Math.min(row.totalPages, totals.pages);
  return {
    id: row.id,
    title: row.title,
    author: row.author,
    totalPages: row.totalPages,
    completedAt: row.completedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    pagesRead,
    progressPercent: row.completedAt !== null ? 100 : Math.floor((pagesRead * 100) / row.totalPages),
    minutesRead: totals.minutes,
    sessionCount: totals.sessions,
    lastReadAt: totals.lastReadAt,
  };
}

/** Reading totals of the user's live sessions, per book (or of one book). */
async function readingTotals(db: Db | Tx, ctx: ServiceContext, bookId?: string): Promise<Map<string, ReadingTotals>> {
  const rows = await db
    .select({
      bookId: readingSessions.bookId,
      pages: sql<number>`sum(${readingSessions.pages})`,
      minutes: sql<number>`sum(${readingSessions.minutes})`,
      sessions: sql<number>`count(*)`,
      lastReadAt: sql<number>`max(${readingSessions.readAt})`,
    })
    .from(readingSessions)
    .where(and(eq(readingSessions.userId, ctx.userId), isNull(readingSessions.deletedAt), bookId ? eq(readingSessions.bookId, bookId) : undefined))
    .groupBy(readingSessions.bookId);
  return new Map(
    rows.map((r) => [r.bookId, { pages: Number(r.pages), minutes: Number(r.minutes), sessions: Number(r.sessions), lastReadAt: Number(r.lastReadAt) }]),
  );
}

async function bookView(db: Db | Tx, ctx: ServiceContext, row: BookRow): Promise<Book> {
  return toBook(row, (await readingTotals(db, ctx, row.id)).get(row.id) ?? NO_READING);
}

const ownedSessions = ownedRecords(readingSessions, 'Reading session');

/** A deleted book's sessions go too (web deletes and native uploads alike). */
export const deleteReadingSessionsOf = (w: WriteScope, ctx: ServiceContext, bookId: string, at: number): Promise<number> =>
  ownedSessions.removeAll(w, ctx, eq(readingSessions.bookId, bookId), at);

const ownedBooks = ownedRecords(books, 'Book', { cascade: deleteReadingSessionsOf });
const getBookOrThrow = ownedBooks.getOrThrow;

/** Books, most recently added first, each with its reading totals; paged. */
export const listBooks = read<Page<BookList>, PageQuery>({ scopes: ['books'] }, async (ctx, query) => {
  const db = getDb();
  const [{ rows, next }, totals] = await Promise.all([ownedBooks.page(db, ctx, query), readingTotals(db, ctx)]);
  return new Page({ books: rows.map((row) => toBook(row, totals.get(row.id) ?? NO_READING)), ...(next ? { nextCursor: next } : {}) }, next);
});

export async function createBook(ctx: ServiceContext, input: BookCreateInput): Promise<Book> {
  return writeChange(ctx, ['books'], async (w) => {
    const row = await ownedBooks.insert(w, ctx, { title: input.title, author: input.author ?? null, totalPages: input.totalPages });
    return toBook(row, NO_READING);
  });
}

/** Edits a book; a new page count moves its progress on the Progress page too. */
export async function updateBook(ctx: ServiceContext, id: string, patch: BookPatchInput): Promise<Book> {
  return writeChange(ctx, ['books', 'progress'], async (w) => {
    const book = await getBookOrThrow(w.tx, ctx, id);
    return bookView(w.tx, ctx, await ownedBooks.save(w, ctx, book.id, { ...patch }));
  });
}

/** Deletes a book and its reading sessions (soft, so native clients sync both deletions). */
export async function deleteBook(ctx: ServiceContext, id: string): Promise<BookDeleted> {
  return writeChange(ctx, ['books', 'progress'], async (w) => tombstone(await ownedBooks.remove(w, ctx, id), w));
}

/** When a session of `day` (the reader's own calendar day) happened: now for today, local noon before. */
async function readAtFor(tx: Tx, ctx: ServiceContext, now: number, day: string | undefined): Promise<number> {
  if (day === undefined) return now;
  const timeZone = await timeZoneOf(tx, ctx.userId);
  const today = localDay(now, timeZone);
  if (day > today) throw badRequest(`${day} is after today (${today})`);
  return day === today ? now : startOfDay(day, timeZone) + NOON_MS;
}

/** Logs a reading session; a completed book must be reopened first. */
export async function logReadingSession(ctx: ServiceContext, id: string, input: ReadingSessionInput): Promise<ReadingSessionLogged> {
  return writeChange(ctx, ['books', 'progress'], async (w) => {
    const book = await getBookOrThrow(w.tx, ctx, id);
    if (book.completedAt !== null) throw conflict('This book is completed; reopen it to log more reading');
    const readAt = await readAtFor(w.tx, ctx, w.now, input.day);
    const session = await ownedSessions.insert(w, ctx, { bookId: book.id, pages: input.pages, minutes: input.minutes, readAt });
    return {
      session: { id: session.id, bookId: book.id, pages: session.pages, minutes: session.minutes, readAt: session.readAt },
      book: await bookView(w.tx, ctx, book),
    };
  });
}

export async function completeBook(ctx: ServiceContext, id: string): Promise<Book> {
  return writeChange(ctx, ['books', 'progress'], async (w) => {
    const book = await getBookOrThrow(w.tx, ctx, id);
    if (book.completedAt !== null) throw conflict('This book is already completed');
    return bookView(w.tx, ctx, await ownedBooks.save(w, ctx, book.id, { completedAt: w.now }));
  });
}

export async function reopenBook(ctx: ServiceContext, id: string): Promise<Book> {
  return writeChange(ctx, ['books', 'progress'], async (w) => {
    const book = await getBookOrThrow(w.tx, ctx, id);
    if (book.completedAt === null) throw conflict('This book is not completed');
    return bookView(w.tx, ctx, await ownedBooks.save(w, ctx, book.id, { completedAt: null }));
  });
}
